using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Contracts;

/// <summary>
/// The read side of the runtime, for inboxes, dashboards and the REST API: detached copies, never changed
/// by the caller. Authorization is the caller's: these reads check nobody.
/// </summary>
public interface IWorkflowQueries
{
    Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string processId, int version, CancellationToken ct = default);
    Task<WorkflowDefinitionRecord?> GetDraftAsync(string processId, CancellationToken ct = default);
    /// <summary>Drafts and published versions, ordered by process id and version.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionsAsync(string? processId = null, CancellationToken ct = default);
    Task<IReadOnlyList<VersionInstanceCount>> CountInstancesPerVersionAsync(string? processId = null, CancellationToken ct = default);
    /// <summary>Per element of a process (one version, or all when null): open tasks, other waits and open incidents of
    /// its running instances, grouped in the store; elements with nothing waiting are left out.</summary>
    Task<IReadOnlyList<ElementActivityCount>> CountActivitiesAsync(string processId, int? version = null, CancellationToken ct = default);
    /// <summary>The parsed process of a published version (cached), for element names and kinds.</summary>
    Task<ProcessDefinition> GetProcessModelAsync(string definitionId, CancellationToken ct = default);

    Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<Page<ProcessInstance>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default);
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default);
    Task<Incident?> GetIncidentAsync(Guid incidentId, CancellationToken ct = default);
    Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(Guid? instanceId = null, CancellationToken ct = default);

    Task<UserTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken ct = default);
    Task<Page<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default);
    Task<IReadOnlyList<UserTaskRecord>> GetOpenTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
}

/// <summary>One page of a list and how many items the whole list has.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
