using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// A runtime over a given store, on a manual clock and scheduler, with the helpers the semantics tests share:
/// publish a fixture, start, complete the open task of an element, advance time and fire what is due.
/// </summary>
public sealed class RuntimeHarness
{
    public RuntimeHarness(IWorkflowStore store, params IServiceTaskHandler[] handlers)
        : this(store, new WorkflowRuntimeOptions(), handlers)
    {
    }

    public RuntimeHarness(IWorkflowStore store, WorkflowRuntimeOptions options, params IServiceTaskHandler[] handlers)
    {
        Store = store;
        options.ServiceRetryBackoff = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)];
        Runtime = new WorkflowRuntime(store, Scheduler, handlers, options, Clock);
    }

    public IWorkflowStore Store { get; }
    public WorkflowRuntime Runtime { get; }
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    public ManualTimerScheduler Scheduler { get; } = new();

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bpmn", "Runtime", name));

    public async Task<string> PublishAsync(string fixture)
    {
        var published = await Runtime.PublishAsync(Fixture(fixture), "test");
        return published[0].ProcessId;
    }

    public async Task<ProcessInstance> StartAsync(string fixture, object? variables = null, string? businessKey = null)
    {
        var processId = await PublishAsync(fixture);
        return await Runtime.StartAsync(new StartRequest
        {
            ProcessId = processId, BusinessKey = businessKey, StartedBy = "starter",
            Variables = variables is null ? null : JsonSerializer.SerializeToNode(variables)!.AsObject(),
        });
    }

    public async Task<ProcessInstance> InstanceAsync(Guid id) => (await Store.GetInstanceAsync(id))!;

    public async Task<IReadOnlyList<UserTaskRecord>> OpenTasksAsync(Guid instanceId) =>
        await Store.GetOpenTasksOfInstanceAsync(instanceId);

    public async Task<UserTaskRecord> TaskAsync(Guid instanceId, string elementId)
    {
        var tasks = (await OpenTasksAsync(instanceId)).Where(t => t.ElementId == elementId).ToList();
        Assert.True(tasks.Count == 1, $"expected one open task '{elementId}', found {tasks.Count}: " +
                                      string.Join(", ", (await OpenTasksAsync(instanceId)).Select(t => t.ElementId)));
        return tasks[0];
    }

    public async Task CompleteAsync(Guid instanceId, string elementId, object? variables = null, string user = "admin")
    {
        var task = await TaskAsync(instanceId, elementId);
        await Runtime.CompleteTaskAsync(task.Id, new Actor(user, ["tech-manager"], IsAdministrator: user == "admin"),
            variables is null ? null : JsonSerializer.SerializeToNode(variables)!.AsObject());
    }

    /// <summary>Moves the clock and fires every timer due by then, in order.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Scheduler.FireDueAsync(Runtime, Clock.GetUtcNow());
    }

    public async Task<JsonNode?> VariableAsync(Guid instanceId, string name) =>
        (await InstanceAsync(instanceId)).State.Variables[name];

    public async Task<List<HistoryEntry>> HistoryAsync(Guid instanceId) => (await Store.GetHistoryAsync(instanceId)).ToList();

    public async Task<List<Notification>> NotificationsAsync(string? kind = null) =>
        (await Store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 10_000))
        .Select(m => JsonSerializer.Deserialize<Notification>(m.Payload, EngineJson.Options)!)
        .Where(n => kind is null || n.Kind == kind).ToList();
}
