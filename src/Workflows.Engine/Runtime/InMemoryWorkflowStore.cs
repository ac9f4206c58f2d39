using System.Text.Json;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// A store in process memory with the same semantics as the database stores (detached copies, atomic commits,
/// version guards): for the `run` command, quick tries and the in-memory benchmark. Not durable.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, WorkflowDefinitionRecord> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, ProcessInstance> _instances = new();
    private readonly Dictionary<Guid, UserTaskRecord> _tasks = new();
    private readonly Dictionary<Guid, List<Guid>> _tasksByInstance = new();
    private readonly Dictionary<Guid, Bookmark> _bookmarks = new();
    private readonly Dictionary<Guid, List<HistoryEntry>> _history = new();
    private readonly Dictionary<Guid, Incident> _incidents = new();
    private readonly Dictionary<Guid, OutboxMessage> _outbox = new();
    private long _historyId;

    private static T Copy<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, EngineJson.Options), EngineJson.Options)!;

    private T? Read<T>(Func<T?> read) where T : class
    {
        lock (_lock)
        {
            var value = read();
            return value is null ? null : Copy(value);
        }
    }

    private IReadOnlyList<T> ReadMany<T>(Func<IEnumerable<T>> read)
    {
        lock (_lock) return read().Select(Copy).ToList();
    }

    public Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, CancellationToken ct = default) =>
        Task.FromResult(Read(() => _definitions.GetValueOrDefault(definitionId)));

    public Task<WorkflowDefinitionRecord?> GetLatestPublishedAsync(string processId, CancellationToken ct = default) =>
        Task.FromResult(Read(() => _definitions.Values
            .Where(d => d.ProcessId == processId && d.Status == DefinitionStatus.Published)
            .MaxBy(d => d.Version)));

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionsAsync(string? processId = null, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _definitions.Values.Where(d => processId is null || d.ProcessId == processId)
            .OrderBy(d => d.ProcessId).ThenBy(d => d.Version)));

    public Task SaveDefinitionAsync(WorkflowDefinitionRecord definition, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (definition.Status == DefinitionStatus.Published && _definitions.ContainsKey(definition.Id))
                throw new ConcurrencyConflictException($"Definition {definition.Id} is already published.");
            _definitions[definition.Id] = Copy(definition);
        }
        return Task.CompletedTask;
    }

    public Task DeleteDraftAsync(string processId, CancellationToken ct = default)
    {
        lock (_lock) _definitions.Remove(WorkflowDefinitionRecord.DraftId(processId));
        return Task.CompletedTask;
    }

    public Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        Task.FromResult(Read(() => _instances.GetValueOrDefault(instanceId)));

    public Task<IReadOnlyList<ProcessInstance>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _instances.Values.Where(i => Matches(i, query))
            .OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id).Skip(query.Skip).Take(query.Take)));

    public Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        lock (_lock) return Task.FromResult(_instances.Values.Count(i => Matches(i, query)));
    }

    public Task<IReadOnlyList<VersionInstanceCount>> CountInstancesPerVersionAsync(string? processId = null, CancellationToken ct = default)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<VersionInstanceCount>>(_instances.Values
                .Where(i => processId is null || i.ProcessId == processId)
                .GroupBy(i => (i.ProcessId, i.DefinitionVersion))
                .Select(g => new VersionInstanceCount(g.Key.ProcessId, g.Key.DefinitionVersion,
                    g.Count(i => i.Status == InstanceStatus.Running), g.Count()))
                .OrderBy(c => c.ProcessId, StringComparer.Ordinal).ThenBy(c => c.Version).ToList());
    }

    public Task<IReadOnlyList<ElementActivityCount>> CountActivitiesAsync(string processId, int? version = null, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var running = _instances.Values
                .Where(i => i.ProcessId == processId && (version is null || i.DefinitionVersion == version) && i.Status == InstanceStatus.Running)
                .Select(i => i.Id).ToHashSet();
            var tasks = _tasks.Values.Where(t => t.IsOpen && running.Contains(t.InstanceId)).GroupBy(t => t.ElementId)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var waiting = _bookmarks.Values.Where(b => IsWait(b.Kind) && running.Contains(b.InstanceId))
                .Select(b => (b.ElementId, b.InstanceId, b.TokenId)).Distinct().GroupBy(b => b.ElementId)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var incidents = _incidents.Values.Where(i => i.IsOpen && running.Contains(i.InstanceId)).GroupBy(i => i.ElementId)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<ElementActivityCount>>(tasks.Keys.Union(waiting.Keys).Union(incidents.Keys)
                .Order(StringComparer.Ordinal)
                .Select(e => new ElementActivityCount(e, tasks.GetValueOrDefault(e), waiting.GetValueOrDefault(e), incidents.GetValueOrDefault(e)))
                .ToList());
        }
    }

    /// <summary>The bookmarks that hold a token at their element (reminders only notify).</summary>
    private static bool IsWait(BookmarkKind kind) => kind is BookmarkKind.Timer or BookmarkKind.Message or BookmarkKind.Signal or BookmarkKind.Retry;

    private static bool Matches(ProcessInstance i, InstanceQuery query) =>
        (query.ProcessId is null || i.ProcessId == query.ProcessId) &&
        (query.DefinitionVersion is null || i.DefinitionVersion == query.DefinitionVersion) &&
        (query.BusinessKey is null || i.BusinessKey == query.BusinessKey) &&
        (query.Status is null || i.Status == query.Status) &&
        (query.ParentInstanceId is null || i.ParentInstanceId == query.ParentInstanceId) &&
        (query.HasIncident is null || (i.OpenIncidents > 0) == query.HasIncident);

    public Task<UserTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken ct = default) =>
        Task.FromResult(Read(() => _tasks.GetValueOrDefault(taskId)));

    public Task<IReadOnlyList<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => Sorted(_tasks.Values.Where(t => Matches(t, query)), query)
            .Skip(query.Skip).Take(query.Take)));

    public Task<int> CountTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        lock (_lock) return Task.FromResult(_tasks.Values.Count(t => Matches(t, query)));
    }

    /// <summary>The same orders as the database store: tasks without the date last, ties by creation then id.</summary>
    private static IOrderedEnumerable<UserTaskRecord> Sorted(IEnumerable<UserTaskRecord> tasks, TaskQuery q)
    {
        var descending = q.Descending ?? q.Sort == TaskSort.Priority;
        IOrderedEnumerable<UserTaskRecord> ordered = q.Sort switch
        {
            TaskSort.Created => descending ? tasks.OrderByDescending(t => t.CreatedAt) : tasks.OrderBy(t => t.CreatedAt),
            TaskSort.Due => ByDate(tasks, t => t.DueAt, descending),
            TaskSort.FollowUp => ByDate(tasks, t => t.FollowUpAt, descending),
            _ => (descending ? tasks.OrderByDescending(t => t.Priority) : tasks.OrderBy(t => t.Priority))
                .ThenBy(t => t.DueAt is null).ThenBy(t => t.DueAt),
        };
        return ordered.ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);
    }

    private static IOrderedEnumerable<UserTaskRecord> ByDate(IEnumerable<UserTaskRecord> tasks, Func<UserTaskRecord, DateTimeOffset?> key, bool descending) =>
        descending ? tasks.OrderBy(t => key(t) is null).ThenByDescending(key) : tasks.OrderBy(t => key(t) is null).ThenBy(key);

    private bool Matches(UserTaskRecord t, TaskQuery q)
    {
        if (q.OpenOnly && !t.IsOpen) return false;
        if (q.InstanceId is { } id && t.InstanceId != id) return false;
        if (q.ProcessId is not null && t.ProcessId != q.ProcessId) return false;
        if (q.ElementId is not null && t.ElementId != q.ElementId) return false;
        if (q.DueBefore is { } before && !(t.DueAt < before)) return false;
        if (q.DueAfter is { } after && !(t.DueAt >= after)) return false;
        if (q.BusinessKey is not null && t.BusinessKey != q.BusinessKey) return false;
        if (q.BusinessKeyContains is { } text && t.BusinessKey?.Contains(text, StringComparison.OrdinalIgnoreCase) != true
            && (t.BusinessKey is null || q.BusinessKeyContainsOrIn?.Contains(t.BusinessKey) != true)) return false;
        if (q.BusinessKeyIn is { } keys && (t.BusinessKey is null || !keys.Contains(t.BusinessKey))) return false;
        if (q.FollowUpBefore is { } fBefore && !(t.FollowUpAt < fBefore)) return false;
        if (q.FollowUpAfter is { } fAfter && !(t.FollowUpAt >= fAfter)) return false;
        if (q.Variables is { Count: > 0 } wanted)
        {
            if (_instances.GetValueOrDefault(t.InstanceId) is not { } instance) return false;
            foreach (var (name, value) in wanted)
                if (!TaskVariableFilter.Matches(instance.State.Variables[name], value) &&
                    !instance.State.Scopes.Any(s => TaskVariableFilter.Matches(s.Variables[name], value))) return false;
        }
        if (q.Assignee is not null && t.Assignee != q.Assignee) return false;
        if (q.ActionableBy is { } user)
        {
            var groups = q.CandidateGroups ?? Array.Empty<string>();
            var mine = t.Assignee == user ||
                       (t.Assignee is null && (t.CandidateUsers.Contains(user) ||
                                               t.CandidateGroups.Any(g => groups.Contains(g, StringComparer.OrdinalIgnoreCase))));
            if (!mine) return false;
        }
        return true;
    }

    public Task<IReadOnlyList<UserTaskRecord>> GetOpenTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => (_tasksByInstance.GetValueOrDefault(instanceId) ?? [])
            .Select(id => _tasks[id]).Where(t => t.IsOpen).OrderBy(t => t.CreatedAt)));

    public Task<Bookmark?> GetBookmarkAsync(Guid bookmarkId, CancellationToken ct = default) =>
        Task.FromResult(Read(() => _bookmarks.GetValueOrDefault(bookmarkId)));

    public Task<IReadOnlyList<Bookmark>> GetBookmarksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _bookmarks.Values.Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt)));

    public Task<IReadOnlyList<Bookmark>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _bookmarks.Values.Where(b =>
            b.Kind == BookmarkKind.Message && b.MessageName == messageName &&
            (correlationKey is null || b.CorrelationKey == correlationKey)).OrderBy(b => b.CreatedAt)));

    public Task<IReadOnlyList<Bookmark>> FindSignalSubscriptionsAsync(string signalName, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _bookmarks.Values.Where(b => b.Kind == BookmarkKind.Signal && b.MessageName == signalName)
            .OrderBy(b => b.CreatedAt)));

    public Task<IReadOnlyList<Bookmark>> GetScheduledBookmarksAsync(CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _bookmarks.Values.Where(b => b.DueAt is not null).OrderBy(b => b.DueAt)));

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _history.GetValueOrDefault(instanceId) ?? new List<HistoryEntry>()));

    public Task<Incident?> GetIncidentAsync(Guid incidentId, CancellationToken ct = default) =>
        Task.FromResult(Read(() => _incidents.GetValueOrDefault(incidentId)));

    public Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(Guid? instanceId = null, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _incidents.Values.Where(i => i.IsOpen && (instanceId is null || i.InstanceId == instanceId))
            .OrderBy(i => i.CreatedAt)));

    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(DateTimeOffset now, int max, CancellationToken ct = default) =>
        Task.FromResult(ReadMany(() => _outbox.Values.Where(m => m.ProcessedAt is null && (m.NextAttemptAt is null || m.NextAttemptAt <= now))
            .OrderBy(m => m.CreatedAt).Take(max)));

    public Task UpdateOutboxAsync(OutboxMessage message, CancellationToken ct = default)
    {
        lock (_lock)
        {
            if (_outbox.ContainsKey(message.Id)) _outbox[message.Id] = Copy(message);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var claimed = _outbox.Values.Where(m => m.ProcessedAt is null && (m.NextAttemptAt is null || m.NextAttemptAt <= now))
                .OrderBy(m => m.CreatedAt).Take(max).ToList();
            foreach (var m in claimed) m.NextAttemptAt = leaseUntil;
            return Task.FromResult<IReadOnlyList<OutboxMessage>>(claimed.Select(Copy).ToList());
        }
    }

    public async Task UpdateOutboxAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct = default)
    {
        foreach (var message in messages) await UpdateOutboxAsync(message, ct);
    }

    public Task CommitAsync(StepChanges changes, CancellationToken ct = default)
    {
        lock (_lock)
        {
            // Check everything first, so a conflict writes nothing.
            foreach (var instance in changes.UpdatedInstances)
            {
                var expected = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version);
                if (!_instances.TryGetValue(instance.Id, out var stored) || stored.Version != expected)
                    throw new ConcurrencyConflictException($"Instance {instance.Id} was changed by another step.");
            }
            foreach (var instance in changes.InsertedInstances)
                if (_instances.ContainsKey(instance.Id)) throw new ConcurrencyConflictException($"Instance {instance.Id} exists.");
            foreach (var task in changes.UpdatedTasks)
            {
                var expected = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version);
                if (!_tasks.TryGetValue(task.Id, out var stored) || stored.Version != expected)
                    throw new ConcurrencyConflictException($"Task {task.Id} was changed by another step.");
            }
            foreach (var id in changes.DeletedBookmarks)
                if (!_bookmarks.ContainsKey(id)) throw new ConcurrencyConflictException($"Bookmark {id} is already gone.");

            foreach (var instance in changes.InsertedInstances) _instances[instance.Id] = Copy(instance);
            foreach (var instance in changes.UpdatedInstances)
            {
                instance.Version = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version) + 1;
                _instances[instance.Id] = Copy(instance);
            }
            foreach (var task in changes.InsertedTasks)
            {
                _tasks[task.Id] = Copy(task);
                if (!_tasksByInstance.TryGetValue(task.InstanceId, out var ids)) _tasksByInstance[task.InstanceId] = ids = new();
                ids.Add(task.Id);
            }
            foreach (var task in changes.UpdatedTasks)
            {
                task.Version = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version) + 1;
                _tasks[task.Id] = Copy(task);
            }
            foreach (var id in changes.DeletedBookmarks) _bookmarks.Remove(id);
            foreach (var bookmark in changes.InsertedBookmarks) _bookmarks[bookmark.Id] = Copy(bookmark);
            foreach (var step in changes.History.GroupBy(e => e.InstanceId))
            {
                if (!_history.TryGetValue(step.Key, out var list)) _history[step.Key] = list = new();
                HistoryChain.Extend(list.Count > 0 ? list[^1] : null, step.ToList(), seal: null); // in memory: hashes, no seal
                foreach (var entry in step)
                {
                    entry.Id = ++_historyId;
                    list.Add(Copy(entry));
                }
            }
            foreach (var incident in changes.InsertedIncidents) _incidents[incident.Id] = Copy(incident);
            foreach (var incident in changes.UpdatedIncidents)
            {
                if (!_incidents.TryGetValue(incident.Id, out var stored)) continue;
                stored.ResolvedAt = incident.ResolvedAt;
                stored.ResolvedBy = incident.ResolvedBy;
            }
            foreach (var message in changes.Outbox) _outbox[message.Id] = Copy(message);
        }
        return Task.CompletedTask;
    }
}
