using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>The read side: straight to the store, except parsed processes, which come from the runtime's cache.</summary>
public sealed partial class WorkflowRuntime : IWorkflowQueries
{
    public Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string processId, int version, CancellationToken ct = default) =>
        _store.GetDefinitionAsync(WorkflowDefinitionRecord.MakeId(processId, version), ct);

    public Task<WorkflowDefinitionRecord?> GetDraftAsync(string processId, CancellationToken ct = default) =>
        _store.GetDefinitionAsync(WorkflowDefinitionRecord.DraftId(processId), ct);

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionsAsync(string? processId = null, CancellationToken ct = default) =>
        _store.ListDefinitionsAsync(processId, ct);

    public Task<IReadOnlyList<VersionInstanceCount>> CountInstancesPerVersionAsync(string? processId = null, CancellationToken ct = default) =>
        _store.CountInstancesPerVersionAsync(processId, ct);

    public Task<IReadOnlyList<ElementActivityCount>> CountActivitiesAsync(string processId, int? version = null, CancellationToken ct = default) =>
        _store.CountActivitiesAsync(processId, version, ct);

    public Task<ProcessDefinition> GetProcessModelAsync(string definitionId, CancellationToken ct = default) =>
        _definitions.GetAsync(definitionId, ct);

    public Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default) => _store.GetInstanceAsync(instanceId, ct);

    public async Task<Page<ProcessInstance>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default) =>
        new(await _store.QueryInstancesAsync(query, ct), await _store.CountInstancesAsync(query, ct));

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default) => _store.GetHistoryAsync(instanceId, ct);

    public Task<Incident?> GetIncidentAsync(Guid incidentId, CancellationToken ct = default) => _store.GetIncidentAsync(incidentId, ct);

    public Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(Guid? instanceId = null, CancellationToken ct = default) =>
        _store.GetOpenIncidentsAsync(instanceId, ct);

    public Task<UserTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken ct = default) => _store.GetTaskAsync(taskId, ct);

    public async Task<Page<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default) =>
        new(await _store.QueryTasksAsync(query, ct), await _store.CountTasksAsync(query, ct));

    public Task<IReadOnlyList<UserTaskRecord>> GetOpenTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        _store.GetOpenTasksOfInstanceAsync(instanceId, ct);
}
