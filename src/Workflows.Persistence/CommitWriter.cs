using System.Data.Common;
using System.Globalization;
using System.Text;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence.Rows;
using static Workflows.Persistence.RowMapping;

namespace Workflows.Persistence;

/// <summary>
/// Writes one step inside the EF Core transaction with plain parameterised SQL: the guarded updates one by one
/// (their row counts detect a lost race), then every insert in a single batch. This is the hot path of the
/// engine, so it skips the change tracker; the values are written exactly as EF Core stores them (Guids as
/// upper-case text on SQLite, uuid on PostgreSQL), so EF's queries read them back.
/// Rows are locked in one fixed order (instances, tasks, bookmarks, each by id), so two steps that touch the same
/// rows (a called process ending while its caller's interrupting timer fires) wait for each other instead of
/// deadlocking; the loser then sees a moved version and is re-run as a conflict.
/// </summary>
internal sealed class CommitWriter(DbConnection connection, DbTransaction transaction, DatabaseProvider provider)
{
    public async Task WriteAsync(StepChanges changes, CancellationToken ct)
    {
        foreach (var instance in changes.UpdatedInstances.OrderBy(i => i.Id))
        {
            var expected = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version);
            var r = ToRow(instance);
            var n = await ExecuteAsync("""
                UPDATE wf_instances SET state = @p0, status = @p1, business_key = @p2, ended_at = @p3, open_incidents = @p4, version = @p5,
                    definition_id = @p8, definition_version = @p9
                WHERE id = @p6 AND version = @p7
                """, ct, r.State, r.Status, r.BusinessKey, r.EndedAt, r.OpenIncidents, expected + 1, Id(r.Id), expected, r.DefinitionId, r.DefinitionVersion);
            if (n != 1) throw new ConcurrencyConflictException($"Instance {instance.Id} was changed by another step.");
        }
        foreach (var task in changes.UpdatedTasks.OrderBy(t => t.Id))
        {
            var expected = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version);
            var r = ToRow(task);
            var n = await ExecuteAsync("""
                UPDATE wf_tasks SET status = @p0, assignee = @p1, owner = @p2, candidate_users = @p3, candidate_groups = @p4, due_at = @p5,
                    follow_up_at = @p6, priority = @p7, completed_at = @p8, completed_by = @p9, result = @p10, version = @p11,
                    element_id = @p14, name = @p15, form_key = @p16
                WHERE id = @p12 AND version = @p13
                """, ct, r.Status, r.Assignee, r.Owner, r.CandidateUsers, r.CandidateGroups, r.DueAt, r.FollowUpAt, r.Priority,
                r.CompletedAt, r.CompletedBy, r.Result, expected + 1, Id(r.Id), expected, r.ElementId, r.Name, r.FormKey);
            if (n != 1) throw new ConcurrencyConflictException($"Task {task.Id} was changed by another step.");
        }
        foreach (var id in changes.DeletedBookmarks.Order())
        {
            var n = await ExecuteAsync("DELETE FROM wf_bookmarks WHERE id = @p0", ct, Id(id));
            if (n != 1) throw new ConcurrencyConflictException($"Bookmark {id} is already gone.");
        }
        foreach (var incident in changes.UpdatedIncidents.OrderBy(i => i.Id))
            await ExecuteAsync("UPDATE wf_incidents SET resolved_at = @p0, resolved_by = @p1 WHERE id = @p2", ct,
                Ticks(incident.ResolvedAt), incident.ResolvedBy, Id(incident.Id));

        var batch = new Batch();
        foreach (var i in changes.InsertedInstances.Select(ToRow))
            batch.Add("wf_instances", "id, definition_id, process_id, definition_version, business_key, status, state, version, parent_instance_id, parent_token_id, root_instance_id, started_at, ended_at, started_by, open_incidents",
                Id(i.Id), i.DefinitionId, i.ProcessId, i.DefinitionVersion, i.BusinessKey, i.Status, i.State, i.Version, Id(i.ParentInstanceId),
                i.ParentTokenId, Id(i.RootInstanceId), i.StartedAt, i.EndedAt, i.StartedBy, i.OpenIncidents);
        foreach (var t in changes.InsertedTasks.Select(ToRow))
            batch.Add("wf_tasks", "id, instance_id, token_id, element_id, name, process_id, business_key, status, assignee, owner, candidate_users, candidate_groups, created_at, due_at, follow_up_at, priority, form_key, local_variables, completed_at, completed_by, result, version",
                Id(t.Id), Id(t.InstanceId), t.TokenId, t.ElementId, t.Name, t.ProcessId, t.BusinessKey, t.Status, t.Assignee, t.Owner, t.CandidateUsers,
                t.CandidateGroups, t.CreatedAt, t.DueAt, t.FollowUpAt, t.Priority, t.FormKey, t.LocalVariables, t.CompletedAt, t.CompletedBy, t.Result, t.Version);
        foreach (var b in changes.InsertedBookmarks.Select(ToRow))
            batch.Add("wf_bookmarks", "id, instance_id, token_id, element_id, kind, due_at, message_name, correlation_key, data, created_at",
                Id(b.Id), Id(b.InstanceId), b.TokenId, b.ElementId, b.Kind, b.DueAt, b.MessageName, b.CorrelationKey, b.Data, b.CreatedAt);
        foreach (var h in changes.History.Select(ToRow))
            batch.Add("wf_history", "instance_id, event, element_id, element_type, token_id, actor, at, data",
                Id(h.InstanceId), h.Event, h.ElementId, h.ElementType, h.TokenId, h.Actor, h.At, h.Data);
        foreach (var i in changes.InsertedIncidents.Select(ToRow))
            batch.Add("wf_incidents", "id, instance_id, token_id, element_id, message, details, attempts, created_at, resolved_at, resolved_by",
                Id(i.Id), Id(i.InstanceId), i.TokenId, i.ElementId, i.Message, i.Details, i.Attempts, i.CreatedAt, i.ResolvedAt, i.ResolvedBy);
        foreach (var m in changes.Outbox.Select(ToRow))
            batch.Add("wf_outbox", "id, kind, payload, created_at, processed_at, attempts, next_attempt_at, last_error",
                Id(m.Id), m.Kind, m.Payload, m.CreatedAt, m.ProcessedAt, m.Attempts, m.NextAttemptAt, m.LastError);
        if (batch.Count > 0) await ExecuteAsync(batch.Sql.ToString(), ct, batch.Values.ToArray());
    }

    /// <summary>A Guid as EF Core stores it: upper-case text on SQLite, a uuid on PostgreSQL.</summary>
    private object? Id(Guid? id) => id is not { } g ? null : provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g;

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = SqlCommands.Create(connection, transaction, sql, values);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Batch
    {
        public StringBuilder Sql { get; } = new();
        public List<object?> Values { get; } = new();
        public int Count { get; private set; }

        public void Add(string table, string columns, params object?[] values)
        {
            Sql.Append("INSERT INTO ").Append(table).Append(" (").Append(columns).Append(") VALUES (");
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0) Sql.Append(", ");
                Sql.Append("@p").Append(Values.Count.ToString(CultureInfo.InvariantCulture));
                Values.Add(values[i]);
            }
            Sql.Append(");\n");
            Count++;
        }
    }
}
