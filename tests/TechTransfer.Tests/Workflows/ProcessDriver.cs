using System.Text.Json;
using System.Text.Json.Nodes;
using TechTransfer.Handlers;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace TechTransfer.Tests.Workflows;

/// <summary>Drives the shipped processes on the engine as the host will: publishes the files, completes tasks as a given
/// user (setting <c>completedBy</c> server-side, as the host must), and fires due timers on the manual clock.</summary>
public sealed class ProcessDriver(DomainHarness h, string businessKey)
{
    public static async Task PublishShippedAsync(DomainHarness h)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.bpmn").Order(StringComparer.Ordinal))
            await h.Runtime.PublishAsync(await File.ReadAllTextAsync(file), "test");
    }

    public async Task<IReadOnlyList<UserTaskRecord>> OpenTasksAsync() =>
        await h.Store.QueryTasksAsync(new TaskQuery { BusinessKey = businessKey, Take = 1000 });

    public async Task<UserTaskRecord> TaskAsync(string elementId, string? assignee = null)
    {
        var open = await OpenTasksAsync();
        var matching = open.Where(t => t.ElementId == elementId && (assignee is null || t.Assignee == assignee)).ToList();
        Assert.True(matching.Count == 1, $"expected one open '{elementId}'{(assignee is null ? "" : " for " + assignee)}; open: " +
                                         string.Join(", ", open.Select(t => $"{t.ElementId}({t.Assignee})")) + await IncidentsAsync());
        return matching[0];
    }

    public async Task CompleteAsync(string elementId, string user, string group, object? form = null, string? assignee = null)
    {
        var task = await TaskAsync(elementId, assignee);
        var variables = form is null ? new JsonObject() : JsonSerializer.SerializeToNode(form)!.AsObject();
        variables[DomainHandler.CompletedBy] = user; // what the host sets from the signed-in user, never from the client
        await h.Runtime.CompleteTaskAsync(task.Id, new Actor(user, [group]), variables);
    }

    public async Task<string> IncidentsAsync()
    {
        var incidents = await h.Store.GetOpenIncidentsAsync();
        return incidents.Count == 0 ? "" : "; incidents: " + string.Join(" | ", incidents.Select(i => $"{i.ElementId}: {i.Message}"));
    }
}
