using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Rows;
using static Workflows.Persistence.RowMapping;

namespace Workflows.Persistence;

/// <summary>
/// <see cref="IWorkflowStore"/> on EF Core (SQLite or PostgreSQL). Reads are untracked; a commit is one
/// transaction: guarded updates first (a version that moved, or a bookmark already gone, aborts with a
/// conflict), then the inserts in one batch.
/// </summary>
public sealed class EfWorkflowStore(IDbContextFactory<WorkflowDbContext> contexts) : IWorkflowStore
{
    private async Task<T> ReadAsync<T>(Func<WorkflowDbContext, Task<T>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await read(db);
    }

    public Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == definitionId, ct) is { } r ? ToRecord(r) : null, ct);

    public Task<WorkflowDefinitionRecord?> GetLatestPublishedAsync(string processId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Definitions.AsNoTracking()
            .Where(d => d.ProcessId == processId && d.Status == (int)DefinitionStatus.Published)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct) is { } r ? ToRecord(r) : null, ct);

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

    public Task<ProcessInstance?> GetInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == instanceId, ct) is { } r ? ToRecord(r) : null, ct);

    public Task<IReadOnlyList<ProcessInstance>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<ProcessInstance>>(async db =>
        {
            var q = db.Instances.AsNoTracking();
            if (query.ProcessId is { } p) q = q.Where(i => i.ProcessId == p);
            if (query.BusinessKey is { } k) q = q.Where(i => i.BusinessKey == k);
            if (query.Status is { } s) q = q.Where(i => i.Status == (int)s);
            if (query.HasIncident is { } h) q = h ? q.Where(i => i.OpenIncidents > 0) : q.Where(i => i.OpenIncidents == 0);
            return (await q.OrderByDescending(i => i.StartedAt).Skip(query.Skip).Take(query.Take).ToListAsync(ct)).Select(ToRecord).ToList();
        }, ct);

    public Task<UserTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct) is { } r ? ToRecord(r) : null, ct);

    private static readonly int[] OpenStatuses = [(int)UserTaskStatus.Created, (int)UserTaskStatus.Claimed, (int)UserTaskStatus.Delegated];

    public Task<IReadOnlyList<UserTaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<UserTaskRecord>>(async db =>
        {
            var q = db.Tasks.AsNoTracking();
            if (query.OpenOnly) q = q.Where(t => t.Status <= (int)UserTaskStatus.Delegated);
            if (query.InstanceId is { } id) q = q.Where(t => t.InstanceId == id);
            if (query.ProcessId is { } p) q = q.Where(t => t.ProcessId == p);
            if (query.BusinessKey is { } k) q = q.Where(t => t.BusinessKey == k);
            if (query.Assignee is { } a) q = q.Where(t => t.Assignee == a);
            if (query.ActionableBy is { } user) q = q.Where(Actionable(user, query.CandidateGroups ?? Array.Empty<string>()));
            var rows = await q.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt)
                .Skip(query.Skip).Take(query.Take).ToListAsync(ct);
            return rows.Select(ToRecord).ToList();
        }, ct);

    /// <summary>assignee = user, or unassigned with the user or one of the groups among the candidates.</summary>
    private static Expression<Func<TaskRow, bool>> Actionable(string user, IReadOnlyCollection<string> groups)
    {
        var t = Expression.Parameter(typeof(TaskRow), "t");
        var assignee = Expression.Property(t, nameof(TaskRow.Assignee));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        Expression Has(string property, string value) =>
            Expression.Call(Expression.Property(t, property), contains, Expression.Constant("|" + value + "|"));
        Expression candidates = Has(nameof(TaskRow.CandidateUsers), user);
        foreach (var g in groups) candidates = Expression.OrElse(candidates, Has(nameof(TaskRow.CandidateGroups), g.ToLowerInvariant()));
        var body = Expression.OrElse(
            Expression.Equal(assignee, Expression.Constant(user)),
            Expression.AndAlso(Expression.Equal(assignee, Expression.Constant(null, typeof(string))), candidates));
        return Expression.Lambda<Func<TaskRow, bool>>(body, t);
    }

    public Task<IReadOnlyList<UserTaskRecord>> GetOpenTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<UserTaskRecord>>(async db => (await db.Tasks.AsNoTracking()
                .Where(t => t.InstanceId == instanceId && t.Status <= (int)UserTaskStatus.Delegated)
                .OrderBy(t => t.CreatedAt).ToListAsync(ct))
            .Select(ToRecord).ToList(), ct);

    public Task<Bookmark?> GetBookmarkAsync(Guid bookmarkId, CancellationToken ct = default) =>
        ReadAsync(async db => await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, ct) is { } r ? ToRecord(r) : null, ct);

    public Task<IReadOnlyList<Bookmark>> GetBookmarksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Bookmark>>(async db => (await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ToListAsync(ct)).Select(ToRecord).ToList(), ct);

    public Task<IReadOnlyList<Bookmark>> FindMessageSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Bookmark>>(async db => (await db.Bookmarks.AsNoTracking()
            .Where(b => b.Kind == (int)BookmarkKind.Message && b.MessageName == messageName &&
                        (correlationKey == null || b.CorrelationKey == correlationKey))
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

    public async Task CommitAsync(StepChanges changes, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var instance in changes.UpdatedInstances)
            {
                var expected = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version);
                var row = ToRow(instance);
                var updated = await db.Instances.Where(i => i.Id == instance.Id && i.Version == expected).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.State, row.State)
                    .SetProperty(i => i.Status, row.Status)
                    .SetProperty(i => i.BusinessKey, row.BusinessKey)
                    .SetProperty(i => i.EndedAt, row.EndedAt)
                    .SetProperty(i => i.OpenIncidents, row.OpenIncidents)
                    .SetProperty(i => i.Version, expected + 1), ct);
                if (updated != 1) throw new ConcurrencyConflictException($"Instance {instance.Id} was changed by another step.");
            }
            foreach (var task in changes.UpdatedTasks)
            {
                var expected = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version);
                var row = ToRow(task);
                var updated = await db.Tasks.Where(t => t.Id == task.Id && t.Version == expected).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, row.Status)
                    .SetProperty(t => t.Assignee, row.Assignee)
                    .SetProperty(t => t.Owner, row.Owner)
                    .SetProperty(t => t.CandidateUsers, row.CandidateUsers)
                    .SetProperty(t => t.CandidateGroups, row.CandidateGroups)
                    .SetProperty(t => t.DueAt, row.DueAt)
                    .SetProperty(t => t.FollowUpAt, row.FollowUpAt)
                    .SetProperty(t => t.Priority, row.Priority)
                    .SetProperty(t => t.CompletedAt, row.CompletedAt)
                    .SetProperty(t => t.CompletedBy, row.CompletedBy)
                    .SetProperty(t => t.Result, row.Result)
                    .SetProperty(t => t.Version, expected + 1), ct);
                if (updated != 1) throw new ConcurrencyConflictException($"Task {task.Id} was changed by another step.");
            }
            foreach (var id in changes.DeletedBookmarks)
            {
                var deleted = await db.Bookmarks.Where(b => b.Id == id).ExecuteDeleteAsync(ct);
                if (deleted != 1) throw new ConcurrencyConflictException($"Bookmark {id} is already gone.");
            }
            foreach (var incident in changes.UpdatedIncidents)
            {
                var resolved = Ticks(incident.ResolvedAt);
                await db.Incidents.Where(i => i.Id == incident.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.ResolvedAt, resolved)
                    .SetProperty(i => i.ResolvedBy, incident.ResolvedBy), ct);
            }

            db.Instances.AddRange(changes.InsertedInstances.Select(ToRow));
            db.Tasks.AddRange(changes.InsertedTasks.Select(ToRow));
            db.Bookmarks.AddRange(changes.InsertedBookmarks.Select(ToRow));
            var history = changes.History.Select(h => (Entry: h, Row: ToRow(h))).ToList();
            db.History.AddRange(history.Select(h => h.Row));
            db.Incidents.AddRange(changes.InsertedIncidents.Select(ToRow));
            db.Outbox.AddRange(changes.Outbox.Select(ToRow));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);

            foreach (var (entry, row) in history) entry.Id = row.Id;
            foreach (var instance in changes.UpdatedInstances) instance.Version = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version) + 1;
            foreach (var task in changes.UpdatedTasks) task.Version = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version) + 1;
        }
        catch (DbUpdateException e)
        {
            // A unique key hit by a concurrent step (the same instance id, a duplicate insert): nothing is written.
            throw new ConcurrencyConflictException($"The step collided with another: {e.InnerException?.Message ?? e.Message}");
        }
    }
}
