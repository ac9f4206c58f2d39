using Microsoft.EntityFrameworkCore;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Commits;
using Workflows.Persistence.Rows;
using static Workflows.Persistence.RowMapping;

namespace Workflows.Persistence;

/// <summary>
/// <see cref="IWorkflowStore"/> on EF Core (SQLite or PostgreSQL). Reads are untracked; steps are written by the
/// <see cref="CommitQueue"/>: each atomic (guarded updates first: a version that moved, or a bookmark already gone,
/// aborts it with a conflict; then its inserts), steps ready at the same moment sharing one transaction.
/// </summary>
public sealed class EfWorkflowStore(IDbContextFactory<WorkflowDbContext> contexts, WorkflowDatabase database, WorkflowStoreOptions? options = null)
    : IWorkflowStore, IAsyncDisposable, IDisposable
{
    private readonly CommitQueue _commits = new(database.Provider, database.ConnectionString, options ?? new WorkflowStoreOptions());

    /// <summary>Transactions the store has committed steps in (fewer than the steps when they were grouped).</summary>
    public long Commits => _commits.Commits;

    // The hot reads are compiled once per store (a compiled query belongs to one model, i.e. one provider).
    private async Task<T> ReadAsync<T>(Func<WorkflowDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await read(db);
    }

    public Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId, ct) is { } r ? ToRecord(r) : null, ct);

    private readonly Func<WorkflowDbContext, string, CancellationToken, Task<DefinitionRow?>> LatestPublished =
        EF.CompileAsyncQuery((WorkflowDbContext db, string processId, CancellationToken ct) => db.Definitions.AsNoTracking()
            .Where(d => d.ProcessId == processId && d.Status == (int)DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).FirstOrDefault());

    public Task<WorkflowDefinitionRecord?> GetLatestPublishedAsync(string processId, CancellationToken ct = default) =>
        ReadAsync(async db => await LatestPublished(db, processId, ct) is { } r ? ToRecord(r) : null, ct);

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionsAsync(string? processId = null, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<WorkflowDefinitionRecord>>(async db => (await db.Definitions.AsNoTracking()
                .Where(d => processId == null || d.ProcessId == processId)
                .OrderBy(d => d.ProcessId).ThenBy(d => d.Version).ToListAsync(ct))
            .Select(ToRecord).ToList(), ct);

    public async Task SaveDefinitionAsync(WorkflowDefinitionRecord definition, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (definition.Status == DefinitionStatus.Draft)
            await db.Definitions.Where(d => d.Id == definition.Id).ExecuteDeleteAsync(ct);
        db.Definitions.Add(ToRow(definition));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            throw new ConcurrencyConflictException($"Definition {definition.Id} already exists: {e.InnerException?.Message ?? e.Message}");
        }
    }

    public async Task DeleteDraftAsync(string processId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = WorkflowDefinitionRecord.DraftId(processId);
        await db.Definitions.Where(d => d.Id == id).ExecuteDeleteAsync(ct);
    }

    private readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<InstanceRow?>> InstanceById =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Instances.AsNoTracking().FirstOrDefault(i => i.Id == id));

    public Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync(async db => await InstanceById(db, instanceId, ct) is { } r ? Remembered(ToRecord(r)) : null, ct);

    /// <summary>An instance a step may change: its variable values are noted, so that its commit writes only those that changed.</summary>
    private ProcessInstance Remembered(ProcessInstance instance)
    {
        _commits.Variables.Remember(instance);
        return instance;
    }

    public Task<IReadOnlyList<ProcessInstance>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ProcessInstance>>(async db =>
            (await Filter(db.Instances.AsNoTracking(), query).OrderByDescending(i => i.StartedAt).ThenBy(i => i.Id)
                .Skip(query.Skip).Take(query.Take).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<int> CountInstancesAsync(InstanceQuery query, CancellationToken ct = default) =>
        ReadAsync(db => Filter(db.Instances.AsNoTracking(), query).CountAsync(ct), ct);

    public Task<IReadOnlyList<VersionInstanceCount>> CountInstancesPerVersionAsync(string? processId = null, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<VersionInstanceCount>>(async db => (await db.Instances.AsNoTracking()
                .Where(i => processId == null || i.ProcessId == processId)
                .GroupBy(i => new { i.ProcessId, i.DefinitionVersion })
                .Select(g => new { g.Key.ProcessId, g.Key.DefinitionVersion, Running = g.Count(i => i.Status == (int)InstanceStatus.Running), Total = g.Count() })
                .ToListAsync(ct))
            .Select(c => new VersionInstanceCount(c.ProcessId, c.DefinitionVersion, c.Running, c.Total))
            .OrderBy(c => c.ProcessId, StringComparer.Ordinal).ThenBy(c => c.Version).ToList(), ct);

    private static readonly int[] WaitKinds = [(int)BookmarkKind.Timer, (int)BookmarkKind.Message, (int)BookmarkKind.Signal, (int)BookmarkKind.Retry];

    /// <summary>Three GROUP BY queries over the running instances of the process (tasks, waits, incidents), merged by element id.</summary>
    public Task<IReadOnlyList<ElementActivityCount>> CountActivitiesAsync(string processId, int? version = null, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ElementActivityCount>>(async db =>
        {
            var running = db.Instances.AsNoTracking().Where(i => i.ProcessId == processId && i.Status == (int)InstanceStatus.Running);
            if (version is { } v) running = running.Where(i => i.DefinitionVersion == v);
            var ids = running.Select(i => i.Id);
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.Status <= (int)UserTaskStatus.Delegated && ids.Contains(t.InstanceId))
                .GroupBy(t => t.ElementId).Select(g => new { ElementId = g.Key, Count = g.Count() }).ToListAsync(ct);
            var waiting = await db.Bookmarks.AsNoTracking().Where(b => WaitKinds.Contains(b.Kind) && ids.Contains(b.InstanceId))
                .Select(b => new { b.ElementId, b.InstanceId, b.TokenId }).Distinct()
                .GroupBy(b => b.ElementId).Select(g => new { ElementId = g.Key, Count = g.Count() }).ToListAsync(ct);
            var incidents = await db.Incidents.AsNoTracking().Where(i => i.ResolvedAt == null && ids.Contains(i.InstanceId))
                .GroupBy(i => i.ElementId).Select(g => new { ElementId = g.Key, Count = g.Count() }).ToListAsync(ct);
            var t = tasks.ToDictionary(x => x.ElementId, x => x.Count, StringComparer.Ordinal);
            var w = waiting.ToDictionary(x => x.ElementId, x => x.Count, StringComparer.Ordinal);
            var n = incidents.ToDictionary(x => x.ElementId, x => x.Count, StringComparer.Ordinal);
            return t.Keys.Union(w.Keys).Union(n.Keys).Order(StringComparer.Ordinal)
                .Select(e => new ElementActivityCount(e, t.GetValueOrDefault(e), w.GetValueOrDefault(e), n.GetValueOrDefault(e))).ToList();
        }, ct);

    private static IQueryable<InstanceRow> Filter(IQueryable<InstanceRow> q, InstanceQuery query)
    {
        if (query.ProcessId is { } p) q = q.Where(i => i.ProcessId == p);
        if (query.DefinitionVersion is { } v) q = q.Where(i => i.DefinitionVersion == v);
        if (query.BusinessKey is { } k) q = q.Where(i => i.BusinessKey == k);
        if (query.Status is { } s) q = q.Where(i => i.Status == (int)s);
        if (query.ParentInstanceId is { } parent) q = q.Where(i => i.ParentInstanceId == parent);
        if (query.HasIncident is { } h) q = h ? q.Where(i => i.OpenIncidents > 0) : q.Where(i => i.OpenIncidents == 0);
        return q;
    }

    private readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<TaskRow?>> TaskById =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id));

    public Task<UserTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken ct = default) =>
        ReadAsync(async db => await TaskById(db, taskId, ct) is { } r ? ToRecord(r) : null, ct);

    private readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<TaskWithInstanceRow?>> TaskWithInstanceById =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Tasks.AsNoTracking().Where(t => t.Id == id)
            .Join(db.Instances, t => t.InstanceId, i => i.Id, (t, i) => new TaskWithInstanceRow { Task = t, Instance = i }).FirstOrDefault());

    public Task<(UserTaskRecord? Task, ProcessInstance? Instance)> GetTaskWithInstanceAsync(Guid taskId, CancellationToken ct = default) =>
        ReadAsync<(UserTaskRecord?, ProcessInstance?)>(async db => await TaskWithInstanceById(db, taskId, ct) is { } r
            ? (ToRecord(r.Task), Remembered(ToRecord(r.Instance)))
            : (await TaskById(db, taskId, ct) is { } t ? ToRecord(t) : null, null), ct);

    public Task<IReadOnlyList<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<UserTaskRecord>>(async db =>
        {
            var rows = await Sorted(Filter(db.Tasks.AsNoTracking(), query, db), query).Skip(query.Skip).Take(query.Take).ToListAsync(ct);
            return rows.Select(ToRecord).ToList();
        }, ct);

    public Task<int> CountTasksAsync(TaskQuery query, CancellationToken ct = default) =>
        ReadAsync(db => Filter(db.Tasks.AsNoTracking(), query, db).CountAsync(ct), ct);

    private static IQueryable<TaskRow> Filter(IQueryable<TaskRow> q, TaskQuery query, WorkflowDbContext db)
    {
        if (query.OpenOnly) q = q.Where(t => t.Status <= (int)UserTaskStatus.Delegated);
        if (query.InstanceId is { } id) q = q.Where(t => t.InstanceId == id);
        if (query.ProcessId is { } p) q = q.Where(t => t.ProcessId == p);
        if (query.ElementId is { } e) q = q.Where(t => t.ElementId == e);
        if (query.BusinessKey is { } k) q = q.Where(t => t.BusinessKey == k);
        if (query.Assignee is { } a) q = q.Where(t => t.Assignee == a);
        if (query.DueBefore is { } before)
        {
            var ticks = Ticks(before);
            q = q.Where(t => t.DueAt != null && t.DueAt < ticks);
        }
        if (query.DueAfter is { } after)
        {
            var ticks = Ticks(after);
            q = q.Where(t => t.DueAt != null && t.DueAt >= ticks);
        }
        if (query.BusinessKeyContains is { Length: > 0 } text)
        {
            // Case numbers are ASCII: upper() on both databases makes the search ignore case.
            var upper = text.ToUpperInvariant();
            var also = (query.BusinessKeyContainsOrIn ?? []).ToList();
            // Translated to SQL upper(): the database compares, so no culture or StringComparison applies here.
#pragma warning disable CA1304, CA1311, CA1862
            q = also.Count == 0
                ? q.Where(t => t.BusinessKey != null && t.BusinessKey.ToUpper().Contains(upper))
                : q.Where(t => t.BusinessKey != null && (t.BusinessKey.ToUpper().Contains(upper) || also.Contains(t.BusinessKey)));
#pragma warning restore CA1304, CA1311, CA1862
        }
        if (query.BusinessKeyIn is { } keys)
        {
            var set = keys.ToList();
            q = q.Where(t => t.BusinessKey != null && set.Contains(t.BusinessKey));
        }
        if (query.FollowUpBefore is { } fBefore)
        {
            var ticks = Ticks(fBefore);
            q = q.Where(t => t.FollowUpAt != null && t.FollowUpAt < ticks);
        }
        if (query.FollowUpAfter is { } fAfter)
        {
            var ticks = Ticks(fAfter);
            q = q.Where(t => t.FollowUpAt != null && t.FollowUpAt >= ticks);
        }
        foreach (var (name, value) in query.Variables ?? new Dictionary<string, string>())
        {
            // An index look-up (wf_variables holds the filterable values of running instances; TaskVariableFilter).
            q = q.Where(t => db.Variables.Where(v => v.Name == name && v.Value == value).Select(v => v.InstanceId).Contains(t.InstanceId));
        }
        if (query.ActionableBy is { } user)
        {
            // Assigned to the user, or unassigned with the user or one of the groups among its candidates: one index
            // look-up in the rows that say who has each open task in their inbox, never a scan of the open tasks.
            var inbox = TaskCandidateRow.InboxOf(user, query.CandidateGroups ?? Array.Empty<string>());
            q = q.Where(t => db.TaskCandidates.Where(c => inbox.Contains(c.Candidate)).Select(c => c.TaskId).Contains(t.Id));
        }
        return q;
    }

    /// <summary>The inbox orders: tasks without the date sorted last, ties broken by creation then id so pages are stable.</summary>
    private static IOrderedQueryable<TaskRow> Sorted(IQueryable<TaskRow> q, TaskQuery query)
    {
        var descending = query.Descending ?? query.Sort == TaskSort.Priority;
        var ordered = query.Sort switch
        {
            TaskSort.Created => descending ? q.OrderByDescending(t => t.CreatedAt) : q.OrderBy(t => t.CreatedAt),
            TaskSort.Due => descending ? q.OrderBy(t => t.DueAt == null).ThenByDescending(t => t.DueAt) : q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt),
            TaskSort.FollowUp => descending ? q.OrderBy(t => t.FollowUpAt == null).ThenByDescending(t => t.FollowUpAt) : q.OrderBy(t => t.FollowUpAt == null).ThenBy(t => t.FollowUpAt),
            _ => (descending ? q.OrderByDescending(t => t.Priority) : q.OrderBy(t => t.Priority)).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt),
        };
        return ordered.ThenBy(t => t.CreatedAt).ThenBy(t => t.Id);
    }

    private readonly Func<WorkflowDbContext, Guid, IAsyncEnumerable<TaskRow>> OpenTasksOfInstance =
        EF.CompileAsyncQuery<WorkflowDbContext, Guid, TaskRow>((db, id) => db.Tasks.AsNoTracking()
            .Where(t => t.InstanceId == id && t.Status <= (int)UserTaskStatus.Delegated).OrderBy(t => t.CreatedAt));

    public Task<IReadOnlyList<UserTaskRecord>> GetOpenTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<UserTaskRecord>>(async db =>
        {
            var list = new List<UserTaskRecord>();
            await foreach (var row in OpenTasksOfInstance(db, instanceId).WithCancellation(ct)) list.Add(ToRecord(row));
            return list;
        }, ct);

    private readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<BookmarkRow?>> BookmarkById =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => db.Bookmarks.AsNoTracking().FirstOrDefault(b => b.Id == id));

    public Task<Bookmark?> GetBookmarkAsync(Guid bookmarkId, CancellationToken ct = default) =>
        ReadAsync(async db => await BookmarkById(db, bookmarkId, ct) is { } r ? ToRecord(r) : null, ct);

    private readonly Func<WorkflowDbContext, Guid, CancellationToken, Task<BookmarkWithInstanceRow?>> BookmarkWithInstanceById =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken ct) => (
            from b in db.Bookmarks.AsNoTracking()
            where b.Id == id
            join i in db.Instances.AsNoTracking() on b.InstanceId equals i.Id into instances
            from i in instances.DefaultIfEmpty()
            select new BookmarkWithInstanceRow { Bookmark = b, Instance = i }).FirstOrDefault());

    public Task<(Bookmark? Bookmark, ProcessInstance? Instance)> GetBookmarkWithInstanceAsync(Guid bookmarkId, CancellationToken ct = default) =>
        ReadAsync<(Bookmark?, ProcessInstance?)>(async db => await BookmarkWithInstanceById(db, bookmarkId, ct) is { } r
            ? (ToRecord(r.Bookmark), r.Instance is null ? null : Remembered(ToRecord(r.Instance)))
            : (null, null), ct);

    public Task<IReadOnlyList<Bookmark>> GetBookmarksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Bookmark>>(async db => (await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<IReadOnlyList<Bookmark>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Bookmark>>(async db => (await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == (int)BookmarkKind.Message && b.MessageName == messageName &&
                        (correlationKey == null || b.CorrelationKey == correlationKey))
            .OrderBy(b => b.CreatedAt).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<IReadOnlyList<Bookmark>> FindSignalSubscriptionsAsync(string signalName, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Bookmark>>(async db => (await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == (int)BookmarkKind.Signal && b.MessageName == signalName)
            .OrderBy(b => b.CreatedAt).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<IReadOnlyList<Bookmark>> GetScheduledBookmarksAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Bookmark>>(async db => (await db.Bookmarks.AsNoTracking()
            .Where(b => b.DueAt != null).OrderBy(b => b.DueAt).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<HistoryEntry>>(async db => (await db.History.AsNoTracking()
            .Where(h => h.InstanceId == instanceId).OrderBy(h => h.Id).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<Incident?> GetIncidentAsync(Guid incidentId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, ct) is { } r ? ToRecord(r) : null, ct);

    public Task<IReadOnlyList<Incident>> GetOpenIncidentsAsync(Guid? instanceId = null, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Incident>>(async db => (await db.Incidents.AsNoTracking()
            .Where(i => i.ResolvedAt == null && (instanceId == null || i.InstanceId == instanceId))
            .OrderBy(i => i.CreatedAt).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(DateTimeOffset now, int max, CancellationToken ct = default)
    {
        var ticks = now == DateTimeOffset.MaxValue ? long.MaxValue : Ticks(now);
        return ReadAsync<IReadOnlyList<OutboxMessage>>(async db => (await db.Outbox.AsNoTracking()
            .Where(m => m.ProcessedAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= ticks))
            .OrderBy(m => m.CreatedAt).Take(max).ToListAsync(ct)).Select(ToRecord).ToList(), ct);
    }

    public async Task UpdateOutboxAsync(OutboxMessage message, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var processed = Ticks(message.ProcessedAt);
        var next = Ticks(message.NextAttemptAt);
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.ProcessedAt, processed)
            .SetProperty(m => m.Attempts, message.Attempts)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, message.LastError), ct);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimOutboxAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct = default)
    {
        // PostgreSQL: rows another dispatcher is claiming are skipped, not waited for.
        var lockClause = database.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        await using var connection = WorkflowPersistence.OpenConnection(database.Provider, database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = SqlCommands.Create(connection, null, $"""
            UPDATE wf_outbox SET next_attempt_at = @p0
            WHERE id IN (SELECT id FROM wf_outbox
                         WHERE processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= @p1)
                         ORDER BY created_at LIMIT @p2 {lockClause})
            RETURNING id, kind, payload, created_at, attempts, last_error
            """, Ticks(leaseUntil), Ticks(now), max);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claimed = new List<OutboxMessage>();
        while (await reader.ReadAsync(ct))
            claimed.Add(new OutboxMessage
            {
                Id = reader.GetValue(0) is Guid g ? g : Guid.Parse(reader.GetString(0)), Kind = reader.GetString(1), Payload = reader.GetString(2),
                CreatedAt = Time(reader.GetInt64(3)), Attempts = reader.GetInt32(4), NextAttemptAt = leaseUntil,
                LastError = reader.IsDBNull(5) ? null : reader.GetString(5),
            });
        return claimed.OrderBy(m => m.CreatedAt).ToList();
    }

    public async Task UpdateOutboxAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct = default)
    {
        if (messages.Count == 0) return;
        await using var connection = WorkflowPersistence.OpenConnection(database.Provider, database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await SqlCommands.ExecuteManyAsync(connection, tx, "UPDATE wf_outbox SET processed_at = @p0, attempts = @p1, next_attempt_at = @p2, last_error = @p3 WHERE id = @p4",
            messages.Select(m => new object?[]
            {
                Ticks(m.ProcessedAt), m.Attempts, Ticks(m.NextAttemptAt), m.LastError,
                database.Provider == DatabaseProvider.Sqlite ? m.Id.ToString().ToUpperInvariant() : m.Id,
            }).ToList(), ct);
        await tx.CommitAsync(ct);
    }

    public async Task CommitAsync(StepChanges changes, CancellationToken ct = default)
    {
        await _commits.CommitAsync(changes, ct);
        foreach (var instance in changes.InsertedInstances.Concat(changes.UpdatedInstances)) _commits.Variables.Remember(instance);
        foreach (var instance in changes.UpdatedInstances) instance.Version = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version) + 1;
        foreach (var task in changes.UpdatedTasks) task.Version = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version) + 1;
    }

    public ValueTask DisposeAsync() => _commits.DisposeAsync();

    public void Dispose() => _commits.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
