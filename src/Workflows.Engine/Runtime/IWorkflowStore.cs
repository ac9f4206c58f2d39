using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The runtime's only door to storage. Reads return detached copies (mutating them changes nothing until
/// committed); <see cref="CommitAsync"/> writes one step atomically with optimistic concurrency.
/// Implemented in memory (<see cref="InMemoryWorkflowStore"/>) and with EF Core on SQLite and PostgreSQL.
/// </summary>
public interface IWorkflowStore
{
    // definitions
    Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, CancellationToken ct = default);
    /// <summary>The highest published version of a process, or null.</summary>
    Task<WorkflowDefinitionRecord?> GetLatestPublishedAsync(string processId, CancellationToken ct = default);
    Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionsAsync(string? processId = null, CancellationToken ct = default);
    /// <summary>Inserts a published version (fails with a conflict if that version exists) or upserts a draft.
    /// Published rows are never updated.</summary>
    Task SaveDefinitionAsync(WorkflowDefinitionRecord definition, CancellationToken ct = default);
    Task DeleteDraftAsync(string processId, CancellationToken ct = default);

    // instances and what they wait on
    Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<IReadOnlyList<ProcessInstance>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default);
    /// <summary>How many instances match the query (its Skip and Take ignored), for paged lists.</summary>
    Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default);
    /// <summary>Running and total instances per published version, of one process or of all.</summary>
    Task<IReadOnlyList<VersionInstanceCount>> CountInstancesPerVersionAsync(string? processId = null, CancellationToken ct = default);
    /// <summary>Per element: open tasks, timer/message/retry waits (per token) and open incidents of the running instances of
    /// a process (one version, or all when null), ordered by element id; elements with nothing are left out.</summary>
    Task<IReadOnlyList<ElementActivityCount>> CountActivitiesAsync(string processId, int? version = null, CancellationToken ct = default);
    Task<UserTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken ct = default);
    /// <summary>A task and its instance, for a step that acts on the task: one query on a database.</summary>
    async Task<(UserTaskRecord? Task, ProcessInstance? Instance)> GetTaskWithInstanceAsync(Guid taskId, CancellationToken ct = default)
    {
        var task = await GetTaskAsync(taskId, ct);
        return (task, task is null ? null : await GetInstanceAsync(task.InstanceId, ct));
    }
    Task<IReadOnlyList<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default);
    /// <summary>How many tasks match the query (its Skip and Take ignored), for paged inboxes.</summary>
    Task<int> CountTasksAsync(TaskQuery query, CancellationToken ct = default);
    /// <summary>Open tasks of one instance (cancelled with their tokens).</summary>
    Task<IReadOnlyList<UserTaskRecord>> GetOpenTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    Task<Bookmark?> GetBookmarkAsync(Guid bookmarkId, CancellationToken ct = default);
    /// <summary>A bookmark and its instance (none for a timer start event's), for the step that fires it: one query on a database.</summary>
    async Task<(Bookmark? Bookmark, ProcessInstance? Instance)> GetBookmarkWithInstanceAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        var bookmark = await GetBookmarkAsync(bookmarkId, ct);
        return (bookmark, bookmark is null ? null : await GetInstanceAsync(bookmark.InstanceId, ct));
    }
    Task<IReadOnlyList<Bookmark>> GetBookmarksOfInstanceAsync(Guid instanceId, CancellationToken ct = default);
    /// <summary>Message subscriptions by name; a null key matches subscriptions of any key.</summary>
    Task<IReadOnlyList<Bookmark>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default);
    /// <summary>Signal subscriptions of every instance waiting for the signal of this name, oldest first.</summary>
    Task<IReadOnlyList<Bookmark>> FindSignalSubscriptionsAsync(string signalName, CancellationToken ct = default);
    /// <summary>Every bookmark with a due time (timers, reminders, retries), for re-scheduling on start-up.</summary>
    Task<IReadOnlyList<Bookmark>> GetScheduledBookmarksAsync(CancellationToken ct = default);
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default);
    Task<Incident?> GetIncidentAsync(Guid incidentId, CancellationToken ct = default);
    Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(Guid? instanceId = null, CancellationToken ct = default);

    // outbox
    /// <summary>Unprocessed outbox messages due now, oldest first.</summary>
    Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(DateTimeOffset now, int max, CancellationToken ct = default);
    /// <summary>Saves ProcessedAt / Attempts / NextAttemptAt / LastError of a handled message.</summary>
    Task UpdateOutboxAsync(OutboxMessage message, CancellationToken ct = default);
    /// <summary>
    /// Claims up to <paramref name="max"/> unprocessed messages due at <paramref name="now"/>, oldest first, until
    /// <paramref name="leaseUntil"/> (their NextAttemptAt holds the lease): a message is handled by one dispatcher at a
    /// time, and one that a dispatcher claimed and never settled (its host died) is due again when the lease runs out.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct = default);
    /// <summary>Saves several handled messages at once (one transaction on a database).</summary>
    Task UpdateOutboxAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct = default);

    /// <summary>Writes one step atomically. Throws <see cref="Contracts.ConcurrencyConflictException"/> when an
    /// instance or task version moved, or a bookmark to delete is already gone; nothing is written then.</summary>
    Task CommitAsync(StepChanges changes, CancellationToken ct = default);
}
