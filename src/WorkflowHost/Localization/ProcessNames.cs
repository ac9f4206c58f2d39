using System.Globalization;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace WorkflowHost.Localization;

/// <summary>
/// The names of tasks and processes in the reader's language. A task keeps the BPMN name it was created with; its
/// other languages are the element's <c>wf:name-zh-CN</c>... in the version its instance runs (the engine's parsed and
/// cached model), so a task shows the translation that goes with its own version.
/// </summary>
public sealed class ProcessNames(IWorkflowQueries queries)
{
    /// <summary>A task's name and its process's name in one language.</summary>
    public sealed record TaskNames(string Task, string Process);

    /// <summary>The names of each task in <paramref name="culture"/> (the current UI culture when null), by task id.</summary>
    public async Task<IReadOnlyDictionary<Guid, TaskNames>> OfTasksAsync(IEnumerable<UserTaskRecord> tasks, string? culture = null, CancellationToken ct = default)
    {
        culture ??= CultureInfo.CurrentUICulture.Name;
        var names = new Dictionary<Guid, TaskNames>();
        foreach (var group in tasks.GroupBy(t => t.InstanceId))
        {
            var instance = await queries.GetInstanceAsync(group.Key, ct);
            var model = instance is null ? null : await queries.GetProcessModelAsync(instance.DefinitionId, ct);
            var process = model?.LocalizedNames.Pick(model.Name, culture) ?? group.First().ProcessId;
            foreach (var task in group)
            {
                var node = model?.NodesById.GetValueOrDefault(task.ElementId);
                names[task.Id] = new TaskNames(node?.LocalizedNames.For(culture) ?? task.Name ?? task.ElementId, process);
            }
        }
        return names;
    }

    /// <summary>One task's names in <paramref name="culture"/> (the current UI culture when null).</summary>
    public async Task<TaskNames> OfTaskAsync(UserTaskRecord task, string? culture = null, CancellationToken ct = default) =>
        (await OfTasksAsync([task], culture, ct))[task.Id];

    /// <summary>The name of a process's newest version in <paramref name="culture"/>, else its id.</summary>
    public async Task<string> OfProcessAsync(string processId, string? culture = null, CancellationToken ct = default)
    {
        var newest = (await queries.ListDefinitionsAsync(processId, ct)).Where(d => d.Status == DefinitionStatus.Published).MaxBy(d => d.Version);
        if (newest is null) return processId;
        var model = await queries.GetProcessModelAsync(newest.Id, ct);
        return model.LocalizedNames.Pick(model.Name, culture ?? CultureInfo.CurrentUICulture.Name) ?? processId;
    }
}
