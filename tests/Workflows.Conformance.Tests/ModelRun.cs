using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Conformance.Tests;

/// <summary>
/// One corpus model published on a fresh engine (in-memory store, manual clock and timer scheduler) and driven the
/// way its source test drives it: start, complete tasks, fire timers, send messages; then asked what happened.
/// </summary>
public sealed class ModelRun
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Tester = new("tester", ["management", "accountancy"], IsAdministrator: true);

    private ModelRun(IServiceTaskHandler[] handlers)
    {
        Runtime = new WorkflowRuntime(Store, Scheduler, handlers,
            new WorkflowRuntimeOptions { ServiceRetryBackoff = [TimeSpan.FromSeconds(10)] }, Clock);
    }

    public InMemoryWorkflowStore Store { get; } = new();
    public ManualTimerScheduler Scheduler { get; } = new();
    public ManualClock Clock { get; } = new(Start);
    public WorkflowRuntime Runtime { get; }

    /// <summary>Publishes a corpus model with the given handlers.</summary>
    public static async Task<ModelRun> PublishAsync(string model, params IServiceTaskHandler[] handlers) =>
        await PublishAsync([model], [], handlers);

    /// <summary>Publishes corpus models, then callers of ours (BPMN text, see <see cref="Callers"/>) that call them.</summary>
    public static async Task<ModelRun> PublishAsync(string[] models, string[] callers, params IServiceTaskHandler[] handlers)
    {
        var run = new ModelRun(handlers);
        foreach (var model in models)
        {
            var result = run.Runtime.Validate(Corpus.ReadModel(model));
            Assert.True(result.IsValid, $"{model} does not publish: {string.Join("; ", result.Errors)}");
            await run.Runtime.PublishAsync(Corpus.ReadModel(model), "conformance");
        }
        foreach (var caller in callers)
            await run.Runtime.PublishAsync(caller, "conformance");
        return run;
    }

    /// <summary>Publishes models of ours from <c>Models/</c> (see <see cref="OwnModelFactAttribute"/>), each one as it is.</summary>
    public static async Task<ModelRun> PublishOwnAsync(params string[] models)
    {
        var run = new ModelRun([]);
        foreach (var model in models)
        {
            var xml = ReadOwnModel(model);
            var result = run.Runtime.Validate(xml);
            Assert.True(result.IsValid, $"{model} does not publish: {string.Join("; ", result.Errors)}");
            await run.Runtime.PublishAsync(xml, "conformance");
        }
        return run;
    }

    public static string ReadOwnModel(string model) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Models", model));

    public async Task<ProcessInstance> StartAsync(string processId, object? variables = null, string? businessKey = null) =>
        await Runtime.StartAsync(new StartRequest
        {
            ProcessId = processId, BusinessKey = businessKey, StartedBy = "tester", Variables = Json(variables),
        });

    public static JsonObject? Json(object? variables) =>
        variables switch
        {
            null => null,
            JsonObject o => o,
            _ => JsonSerializer.SerializeToNode(variables)!.AsObject(),
        };

    public async Task<ProcessInstance> InstanceAsync(Guid id) => (await Store.GetInstanceAsync(id))!;

    public async Task<IReadOnlyList<ProcessInstance>> InstancesAsync(string? processId = null) =>
        await Store.QueryInstancesAsync(new InstanceQuery { ProcessId = processId, Take = 1000 });

    /// <summary>Open tasks of every instance (called ones included), oldest first.</summary>
    public async Task<List<UserTaskRecord>> OpenTasksAsync() =>
        (await Store.QueryTasksAsync(new TaskQuery { Take = 1000 })).OrderBy(t => t.CreatedAt).ToList();

    /// <summary>The element ids of the open tasks, sorted: the "task query" most source tests assert on.</summary>
    public async Task<string[]> OpenTaskIdsAsync() => (await OpenTasksAsync()).Select(t => t.ElementId).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The one open task of an element (by id, or by its name as the source test queries it).</summary>
    public async Task<UserTaskRecord> TaskAsync(string elementIdOrName)
    {
        var tasks = (await OpenTasksAsync()).Where(t => t.ElementId == elementIdOrName || t.Name == elementIdOrName).ToList();
        Assert.True(tasks.Count == 1, $"expected one open task '{elementIdOrName}', found {tasks.Count}; open: " +
                                      string.Join(", ", (await OpenTasksAsync()).Select(t => $"{t.ElementId} '{t.Name}'")));
        return tasks[0];
    }

    public async Task CompleteAsync(string elementIdOrName, object? variables = null) =>
        await CompleteAsync(await TaskAsync(elementIdOrName), variables);

    public async Task CompleteAsync(UserTaskRecord task, object? variables = null) =>
        await Runtime.CompleteTaskAsync(task.Id, Tester, Json(variables));

    /// <summary>Completes every open task of the element, one by one (a multi-instance activity's items).</summary>
    public async Task<int> CompleteAllAsync(string elementId, object? variables = null)
    {
        var count = 0;
        foreach (var task in (await OpenTasksAsync()).Where(t => t.ElementId == elementId).ToList())
        {
            await CompleteAsync(task, variables);
            count++;
        }
        return count;
    }

    /// <summary>Moves the clock and fires every timer due by then, in order.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Scheduler.FireDueAsync(Runtime, Clock.GetUtcNow());
    }

    /// <summary>The due times of the pending timers, earliest first.</summary>
    public IReadOnlyList<DateTimeOffset> PendingTimers => Scheduler.Pending.Values.Order().ToList();

    public Task<int> CorrelateAsync(string message, string? key = null, object? variables = null) =>
        Runtime.CorrelateMessageAsync(message, key, Json(variables));

    /// <summary>Broadcasts a signal from outside (Camunda's <c>runtimeService.signalEventReceived</c>).</summary>
    public Task<int> SignalAsync(string signal, object? variables = null) => Runtime.BroadcastSignalAsync(signal, Json(variables));

    /// <summary>How many subscriptions wait for the signal (Camunda's event subscription query by type and name).</summary>
    public async Task<int> SignalSubscriptionsAsync(string signal) => (await Store.FindSignalSubscriptionsAsync(signal)).Count;

    /// <summary>How many instances are running (Camunda's process instance query, which lists running ones only).</summary>
    public async Task<int> RunningCountAsync() => (await InstancesAsync()).Count(i => i.Status == InstanceStatus.Running);

    public async Task<List<HistoryEntry>> HistoryAsync(Guid instanceId) => (await Store.GetHistoryAsync(instanceId)).ToList();

    /// <summary>How many times an element was entered (a multi-instance activity: once per item, plus its body).</summary>
    public async Task<int> TimesEnteredAsync(Guid instanceId, string elementId) =>
        (await HistoryAsync(instanceId)).Count(h => h.Event == HistoryEventType.ActivityEntered && h.ElementId == elementId);

    /// <summary>How many user tasks an element created over the instance's life.</summary>
    public async Task<int> TasksCreatedAsync(Guid instanceId, string elementId) =>
        (await HistoryAsync(instanceId)).Count(h => h.Event == HistoryEventType.TaskCreated && h.ElementId == elementId);

    /// <summary>The end events the instance's tokens reached, in order.</summary>
    public async Task<string[]> EndEventsReachedAsync(Guid instanceId)
    {
        var instance = await InstanceAsync(instanceId);
        var process = Runtime.Validate((await Store.GetDefinitionAsync(instance.DefinitionId))!.BpmnXml).Model!.FindProcess(instance.ProcessId)!;
        return (await HistoryAsync(instanceId))
            .Where(h => h.Event == HistoryEventType.ActivityEntered && h.ElementId is { } id &&
                        process.NodesById.TryGetValue(id, out var node) && node is Workflows.Engine.Model.EndEvent)
            .Select(h => h.ElementId!).ToArray();
    }

    /// <summary>Asserts the instance ended as expected, with no incident left open.</summary>
    public async Task AssertEndedAsync(Guid instanceId, InstanceStatus status = InstanceStatus.Completed)
    {
        var instance = await InstanceAsync(instanceId);
        var open = await Store.GetOpenIncidentsAsync(instanceId);
        Assert.True(instance.Status == status,
            $"instance of {instance.ProcessId} is {instance.Status}, expected {status}; open tasks: {string.Join(", ", await OpenTaskIdsAsync())}; " +
            $"incidents: {string.Join("; ", open.Select(i => i.Message))}");
        Assert.Empty(open);
        Assert.Empty(await Store.GetOpenTasksOfInstanceAsync(instanceId));
    }

    public async Task AssertRunningAsync(Guid instanceId)
    {
        var instance = await InstanceAsync(instanceId);
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Empty(await Store.GetOpenIncidentsAsync(instanceId));
    }

    public async Task<JsonNode?> VariableAsync(Guid instanceId, string name) => (await InstanceAsync(instanceId)).State.Variables[name];
}
