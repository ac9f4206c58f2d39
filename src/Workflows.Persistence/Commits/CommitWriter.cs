using System.Globalization;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Rows;
using static Workflows.Persistence.RowMapping;

namespace Workflows.Persistence.Commits;

/// <summary>
/// Writes one step inside the commit queue's transaction with plain parameterised SQL: the guarded updates first
/// (their row counts detect a lost race), then the inserts. This is the hot path of the engine, so it skips the
/// change tracker; the statements' texts are fixed per table so that they stay prepared on the writer's connection.
/// The values are written exactly as EF Core stores them (Guids as upper-case text on SQLite, uuid on PostgreSQL),
/// so EF's queries read them back.
/// Rows are locked in one fixed order (instances, tasks, bookmarks, each by id), so two steps that touch the same
/// rows (a called process ending while its caller's interrupting timer fires) wait for each other instead of
/// deadlocking; the loser then sees a moved version and is re-run as a conflict.
/// </summary>
internal sealed class CommitWriter(WriterConnection connection, VariableIndex variables, IRecordSeal? seal)
{
    /// <summary>The head of an instance's history chain, read in the batch's transaction (so a batch mate's rows count).</summary>
    private const string HistoryHead = "SELECT seq, hash FROM wf_history WHERE instance_id = @p0 AND seq > 0 ORDER BY seq DESC LIMIT 1";

    private const string UpdateInstance = """
        UPDATE wf_instances SET state = @p0, status = @p1, business_key = @p2, ended_at = @p3, open_incidents = @p4, version = @p5,
            definition_id = @p8, definition_version = @p9
        WHERE id = @p6 AND version = @p7
        """;
    private const string UpdateTask = """
        UPDATE wf_tasks SET status = @p0, assignee = @p1, owner = @p2, candidate_users = @p3, candidate_groups = @p4, due_at = @p5,
            follow_up_at = @p6, priority = @p7, completed_at = @p8, completed_by = @p9, result = @p10, version = @p11,
            element_id = @p14, name = @p15, form_key = @p16
        WHERE id = @p12 AND version = @p13
        """;
    private const string DeleteBookmark = "DELETE FROM wf_bookmarks WHERE id = @p0";
    private const string UpdateIncident = "UPDATE wf_incidents SET resolved_at = @p0, resolved_by = @p1 WHERE id = @p2";
    private static readonly string InsertInstance = Insert("wf_instances", "id, definition_id, process_id, definition_version, business_key, status, state, version, parent_instance_id, parent_token_id, root_instance_id, started_at, ended_at, started_by, open_incidents");
    private static readonly string InsertTask = Insert("wf_tasks", "id, instance_id, token_id, element_id, name, process_id, business_key, status, assignee, owner, candidate_users, candidate_groups, created_at, due_at, follow_up_at, priority, form_key, local_variables, completed_at, completed_by, result, version");
    private static readonly string InsertBookmark = Insert("wf_bookmarks", "id, instance_id, token_id, element_id, kind, due_at, message_name, correlation_key, data, created_at");
    private static readonly string InsertHistory = Insert("wf_history", "instance_id, event, element_id, element_type, token_id, actor, at, data, seq, previous_hash, hash, signature");
    private static readonly string InsertIncident = Insert("wf_incidents", "id, instance_id, token_id, element_id, message, details, attempts, created_at, resolved_at, resolved_by");
    // The inbox's index rows (migrations 0004, 0006): who has an open task in their inbox (its assignee, else its
    // candidates) with the task's columns the inbox filters and sorts by (written again whenever the task is), and the
    // filterable variables of running instances.
    private const string UpsertCandidate = """
        INSERT INTO wf_task_candidates (candidate, task_id, instance_id, process_id, element_id, business_key, created_at, due_at, follow_up_at, priority)
        VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)
        ON CONFLICT (candidate, task_id) DO UPDATE SET element_id = excluded.element_id, business_key = excluded.business_key,
            due_at = excluded.due_at, follow_up_at = excluded.follow_up_at, priority = excluded.priority
        """;
    private const string DeleteCandidates = "DELETE FROM wf_task_candidates WHERE task_id = @p0";
    /// <summary>Before the update of a task that stays open: its rows go only if the people it is for change (the old row
    /// is compared), and are written again after the update.</summary>
    private static string DeleteChangedCandidates(DatabaseProvider provider) => $"""
        DELETE FROM wf_task_candidates WHERE task_id = @p0
            AND NOT EXISTS (SELECT 1 FROM wf_tasks WHERE id = @p0 AND status <= 2 AND candidate_users = @p1 AND candidate_groups = @p2
                            AND assignee {(provider == DatabaseProvider.Sqlite ? "IS" : "IS NOT DISTINCT FROM")} @p3)
        """;
    private const string InsertVariable = "INSERT INTO wf_variables (name, value, instance_id) VALUES (@p0, @p1, @p2) ON CONFLICT DO NOTHING";
    private const string DeleteVariable = "DELETE FROM wf_variables WHERE name = @p0 AND value = @p1 AND instance_id = @p2";
    private const string DeleteVariables = "DELETE FROM wf_variables WHERE instance_id = @p0";
    private static readonly string InsertOutbox = Insert("wf_outbox", "id, kind, payload, created_at, processed_at, attempts, next_attempt_at, last_error");

    /// <summary>Writes the step; returns the new (signed) heads of the histories it extended.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> WriteAsync(StepChanges changes, CancellationToken ct)
    {
        // The guarded part: each statement must hit its row, or another step got there first.
        var guarded = new List<Statement>();
        var conflicts = new List<string?>();
        void Guard(Statement statement, string? conflict)
        {
            guarded.Add(statement);
            conflicts.Add(conflict);
        }
        foreach (var instance in changes.UpdatedInstances.OrderBy(i => i.Id))
        {
            var expected = changes.ExpectedVersions.GetValueOrDefault(instance.Id, instance.Version);
            var r = ToRow(instance);
            Guard(new Statement(UpdateInstance, [r.State, r.Status, r.BusinessKey, r.EndedAt, r.OpenIncidents, expected + 1, Id(r.Id), expected,
                r.DefinitionId, r.DefinitionVersion]), $"Instance {instance.Id} was changed by another step.");
        }
        foreach (var task in changes.UpdatedTasks.OrderBy(t => t.Id))
        {
            var expected = changes.ExpectedTaskVersions.GetValueOrDefault(task.Id, task.Version);
            var r = ToRow(task);
            Guard(task.IsOpen
                ? new Statement(DeleteChangedCandidates(connection.Provider), [Id(r.Id), r.CandidateUsers, r.CandidateGroups, r.Assignee])
                : new Statement(DeleteCandidates, [Id(r.Id)]), null);
            Guard(new Statement(UpdateTask, [r.Status, r.Assignee, r.Owner, r.CandidateUsers, r.CandidateGroups, r.DueAt, r.FollowUpAt, r.Priority,
                r.CompletedAt, r.CompletedBy, r.Result, expected + 1, Id(r.Id), expected, r.ElementId, r.Name, r.FormKey]),
                $"Task {task.Id} was changed by another step.");
        }
        foreach (var id in changes.DeletedBookmarks.Order())
            Guard(new Statement(DeleteBookmark, [Id(id)]), $"Bookmark {id} is already gone.");
        foreach (var incident in changes.UpdatedIncidents.OrderBy(i => i.Id))
            Guard(new Statement(UpdateIncident, [Ticks(incident.ResolvedAt), incident.ResolvedBy, Id(incident.Id)]), null);
        var counts = await connection.ExecuteAsync(guarded, ct);
        for (var i = 0; i < counts.Length; i++)
            if (conflicts[i] is { } conflict && counts[i] != 1) throw new ConcurrencyConflictException(conflict);

        // The step's history extends each instance's chain from its head (a unique index guards the place in the chain).
        // An instance the step inserts starts its chain: there is no head to read (its id is new, or its insert fails).
        var heads = new List<HistoryEntry>();
        var started = changes.InsertedInstances.Count == 0 ? null : changes.InsertedInstances.Select(i => i.Id).ToHashSet();
        foreach (var step in changes.History.GroupBy(h => h.InstanceId))
        {
            var head = started?.Contains(step.Key) == true ? null : await connection.QueryAsync(new Statement(HistoryHead, [Id(step.Key)]),
                r => new HistoryEntry { InstanceId = step.Key, Event = default, Sequence = r.GetInt64(0), Hash = r.GetString(1) }, ct);
            heads.Add(HistoryChain.Extend(head, step.ToList(), seal));
        }

        var inserts = new List<Statement>();
        foreach (var i in changes.InsertedInstances.Select(ToRow))
            inserts.Add(new Statement(InsertInstance, [Id(i.Id), i.DefinitionId, i.ProcessId, i.DefinitionVersion, i.BusinessKey, i.Status, i.State,
                i.Version, Id(i.ParentInstanceId), i.ParentTokenId, Id(i.RootInstanceId), i.StartedAt, i.EndedAt, i.StartedBy, i.OpenIncidents]));
        foreach (var t in changes.InsertedTasks.Select(ToRow))
            inserts.Add(new Statement(InsertTask, [Id(t.Id), Id(t.InstanceId), t.TokenId, t.ElementId, t.Name, t.ProcessId, t.BusinessKey, t.Status,
                t.Assignee, t.Owner, t.CandidateUsers, t.CandidateGroups, t.CreatedAt, t.DueAt, t.FollowUpAt, t.Priority, t.FormKey, t.LocalVariables,
                t.CompletedAt, t.CompletedBy, t.Result, t.Version]));
        foreach (var b in changes.InsertedBookmarks.Select(ToRow))
            inserts.Add(new Statement(InsertBookmark, [Id(b.Id), Id(b.InstanceId), b.TokenId, b.ElementId, b.Kind, b.DueAt, b.MessageName,
                b.CorrelationKey, b.Data, b.CreatedAt]));
        foreach (var h in changes.History.Select(ToRow))
            inserts.Add(new Statement(InsertHistory, [Id(h.InstanceId), h.Event, h.ElementId, h.ElementType, h.TokenId, h.Actor, h.At, h.Data,
                h.Seq, h.PreviousHash, h.Hash, h.Signature]));
        foreach (var i in changes.InsertedIncidents.Select(ToRow))
            inserts.Add(new Statement(InsertIncident, [Id(i.Id), Id(i.InstanceId), i.TokenId, i.ElementId, i.Message, i.Details, i.Attempts,
                i.CreatedAt, i.ResolvedAt, i.ResolvedBy]));
        foreach (var m in changes.Outbox.Select(ToRow))
            inserts.Add(new Statement(InsertOutbox, [Id(m.Id), m.Kind, m.Payload, m.CreatedAt, m.ProcessedAt, m.Attempts, m.NextAttemptAt, m.LastError]));
        foreach (var task in changes.InsertedTasks.Concat(changes.UpdatedTasks).Where(t => t.IsOpen))
            foreach (var candidate in InboxRows(task))
                inserts.Add(new Statement(UpsertCandidate, [candidate, Id(task.Id), Id(task.InstanceId), task.ProcessId, task.ElementId, task.BusinessKey,
                    Ticks(task.CreatedAt), Ticks(task.DueAt), Ticks(task.FollowUpAt), task.Priority]));
        foreach (var instance in changes.InsertedInstances)
            foreach (var (name, value) in VariableIndex.Of(instance))
                inserts.Add(new Statement(InsertVariable, [name, value, Id(instance.Id)]));
        foreach (var instance in changes.UpdatedInstances)
        {
            var now = VariableIndex.Of(instance);
            if (variables.Known(instance) is not { } before)
            {
                inserts.Add(new Statement(DeleteVariables, [Id(instance.Id)]));
                before = [];
            }
            foreach (var (name, value) in before.Except(now)) inserts.Add(new Statement(DeleteVariable, [name, value, Id(instance.Id)]));
            foreach (var (name, value) in now.Except(before)) inserts.Add(new Statement(InsertVariable, [name, value, Id(instance.Id)]));
        }
        await connection.ExecuteAsync(inserts, ct);
        return heads;
    }

    /// <summary>Whose inbox an open task is in: its assignee's alone once it has one, else its candidates'.</summary>
    private static IEnumerable<string> InboxRows(UserTaskRecord task) => task.Assignee is { } assignee
        ? [TaskCandidateRow.Assignee(assignee)]
        : task.CandidateUsers.Select(TaskCandidateRow.User).Concat(task.CandidateGroups.Select(TaskCandidateRow.Group)).Distinct(StringComparer.Ordinal);

    private static string Insert(string table, string columns)
    {
        var count = columns.Split(',').Length;
        var values = string.Join(", ", Enumerable.Range(0, count).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)));
        return $"INSERT INTO {table} ({columns}) VALUES ({values})";
    }

    /// <summary>A Guid as EF Core stores it: upper-case text on SQLite, a uuid on PostgreSQL.</summary>
    private object? Id(Guid? id) => id is not { } g ? null : connection.Provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g;
}
