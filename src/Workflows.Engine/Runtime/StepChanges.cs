using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Everything one step changes, committed by the store in one transaction. Updated instances are checked
/// against the version they were loaded at (<see cref="ExpectedVersions"/>); a mismatch aborts the whole
/// commit with <see cref="Contracts.ConcurrencyConflictException"/>. Deleted bookmarks must still exist.
/// </summary>
public sealed class StepChanges
{
    public List<ProcessInstance> InsertedInstances { get; } = new();
    public List<ProcessInstance> UpdatedInstances { get; } = new();
    /// <summary>Instance id -> version it had when loaded. Each updated instance is saved with version + 1.</summary>
    public Dictionary<Guid, int> ExpectedVersions { get; } = new();
    public List<UserTaskRecord> InsertedTasks { get; } = new();
    /// <summary>Updated tasks are saved with version + 1, guarded by the version they were loaded at.</summary>
    public List<UserTaskRecord> UpdatedTasks { get; } = new();
    public Dictionary<Guid, int> ExpectedTaskVersions { get; } = new();
    public List<Bookmark> InsertedBookmarks { get; } = new();
    public List<Guid> DeletedBookmarks { get; } = new();
    public List<HistoryEntry> History { get; } = new();
    public List<Incident> InsertedIncidents { get; } = new();
    public List<Incident> UpdatedIncidents { get; } = new();
    public List<OutboxMessage> Outbox { get; } = new();

    public bool IsEmpty =>
        InsertedInstances.Count == 0 && UpdatedInstances.Count == 0 && InsertedTasks.Count == 0 &&
        UpdatedTasks.Count == 0 && InsertedBookmarks.Count == 0 && DeletedBookmarks.Count == 0 &&
        History.Count == 0 && InsertedIncidents.Count == 0 && UpdatedIncidents.Count == 0 && Outbox.Count == 0;
}
