using System.Data.Common;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Migrations;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

/// <summary>
/// The inbox's index rows (migrations 4 and 6): candidates of open tasks with the task's filter and sort columns, and
/// filterable variables of running instances, kept by the steps that change them, so that the inbox is counted and paged
/// from its own rows instead of looking up every task in it or scanning serialized state.
/// </summary>
public sealed class InboxIndexTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    private const string Review = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            <bpmn:userTask id="task" camunda:candidateGroups="Tech-Manager" camunda:candidateUsers="zhao" />
            <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static readonly Actor Admin = new("admin", [], IsAdministrator: true);

    [Theory, MemberData(nameof(Providers))]
    public async Task Variable_filters_follow_the_steps_that_change_the_values(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync(Review, "test");
        var instance = await runtime.StartAsync(new StartRequest
        {
            ProcessId = "review", Variables = new JsonObject { ["college"] = "材料学院", ["rounds"] = 3, ["urgent"] = true, ["notes"] = new string('长', 300) },
        });
        var other = await runtime.StartAsync(new StartRequest { ProcessId = "review", Variables = new JsonObject { ["college"] = "化学院" } });

        Assert.Equal([instance.Id], await InstancesAsync(store, ("college", "材料学院")));
        Assert.Equal([instance.Id], await InstancesAsync(store, ("rounds", "3"), ("urgent", "true")));
        Assert.Empty(await InstancesAsync(store, ("notes", new string('长', 300)))); // longer than a filter can match

        await runtime.SetVariablesAsync(instance.Id, new JsonObject { ["college"] = "化学院", ["rounds"] = 4 }, Admin);
        Assert.Empty(await InstancesAsync(store, ("college", "材料学院")));
        Assert.Equal(new[] { instance.Id, other.Id }.Order(), (await InstancesAsync(store, ("college", "化学院"))).Order());
        Assert.Equal([instance.Id], await InstancesAsync(store, ("rounds", "4")));

        // An ended instance leaves no index rows behind.
        var task = (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Single();
        await runtime.CompleteTaskAsync(task.Id, Admin, null);
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM wf_variables WHERE instance_id = @p0", instance.Id));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM wf_task_candidates WHERE task_id = @p0", task.Id));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM wf_variables WHERE instance_id = @p0", other.Id));
    }

    /// <summary>Before: the filter looked for <c>"college":"A"</c> in the state's JSON, so a nested object's field matched too.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task A_filter_matches_the_variable_itself_not_a_field_of_another(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync(Review, "test");
        await runtime.StartAsync(new StartRequest
        {
            ProcessId = "review", Variables = new JsonObject { ["college"] = "化学院", ["previous"] = new JsonObject { ["college"] = "材料学院" } },
        });

        Assert.Empty(await InstancesAsync(store, ("college", "材料学院")));
        Assert.Single(await InstancesAsync(store, ("college", "化学院")));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_inbox_finds_a_task_by_its_assignee_else_by_its_candidates_while_it_is_open(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync(Review, "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "review" });
        var task = (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Single();
        var manager = new Actor("wang", ["tech-manager"]);

        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "wang", CandidateGroups = ["TECH-MANAGER"] }));
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "zhao" }));
        Assert.Empty(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "li", CandidateGroups = ["inventor"] }));

        // Claimed by wang: his, and no longer offered to the other candidates; given back: offered again.
        await runtime.ClaimTaskAsync(task.Id, manager);
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "wang" }));
        Assert.Empty(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "zhao" }));
        Assert.Equal(1, await CountAsync(db, "SELECT COUNT(*) FROM wf_task_candidates WHERE task_id = @p0", task.Id));
        await runtime.DelegateTaskAsync(task.Id, manager, "sun");
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "sun" }));
        Assert.Empty(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "wang" }));
        await runtime.ResolveTaskAsync(task.Id, new Actor("sun", []), null);
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "wang" }));
        await runtime.UnclaimTaskAsync(task.Id, manager);
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "zhao" }));
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM wf_task_candidates WHERE task_id = @p0", task.Id));

        await runtime.CompleteTaskAsync(task.Id, manager, null);
        Assert.Empty(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "wang", CandidateGroups = ["tech-manager"] }));
        Assert.Equal(0, await CountAsync(db, "SELECT COUNT(*) FROM wf_task_candidates WHERE task_id = @p0", task.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task The_upgrade_indexes_the_open_tasks_and_running_instances_already_stored(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var instanceId = Guid.NewGuid();
        await using (var connection = WorkflowPersistence.OpenConnection(provider, db.ConnectionString))
        {
            await connection.OpenAsync();
            // The schema as release 3 left it, with a running instance and its open task in it.
            await Execute(connection, "CREATE TABLE schema_migrations (module VARCHAR(100) NOT NULL, version INTEGER NOT NULL, name VARCHAR(200) NOT NULL, applied_at VARCHAR(40) NOT NULL, PRIMARY KEY (module, version))");
            foreach (var script in SchemaMigrator.Scripts(typeof(WorkflowPersistence).Assembly, "Workflows.Persistence.Migrations", provider).Where(s => s.Version <= 3))
            {
                await Execute(connection, script.Sql);
                await Execute(connection, $"INSERT INTO schema_migrations VALUES ('engine', {script.Version}, '{script.Name}', 'then')");
            }
            var task = Guid.NewGuid();
            object Id(Guid g) => provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g;
            await Execute(connection, """
                INSERT INTO wf_instances (id, definition_id, process_id, definition_version, status, state, version, started_at, open_incidents)
                VALUES (@p0, 'review:1', 'review', 1, 0, @p1, 1, 0, 0)
                """, Id(instanceId), """{"variables":{"college":"材料学院","rounds":3,"urgent":true,"meta":{"x":1}},"tokens":[],"scopes":[{"id":"s1","kind":"MultiInstanceItem","nodeId":"vote","ownerTokenId":"t1","variables":{"member":"li"}}]}""");
            await Execute(connection, """
                INSERT INTO wf_tasks (id, instance_id, token_id, element_id, process_id, status, candidate_users, candidate_groups, created_at, priority, version)
                VALUES (@p0, @p1, 't1', 'task', 'review', 0, '|zhao|qian|', '|tech-manager|', 0, 50, 0)
                """, Id(task), Id(instanceId));
            await Execute(connection, """
                INSERT INTO wf_tasks (id, instance_id, token_id, element_id, process_id, status, assignee, candidate_users, candidate_groups, created_at, priority, version)
                VALUES (@p0, @p1, 't2', 'sign', 'review', 1, 'sun', '', '|tech-manager|', 0, 50, 0)
                """, Id(Guid.NewGuid()), Id(instanceId));
        }

        Assert.Equal([4, 5, 6], await WorkflowPersistence.MigrateAsync(provider, db.ConnectionString));

        await using var store = db.CreateStore();
        foreach (var user in new[] { "zhao", "qian" }) Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = user }));
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "wang", CandidateGroups = ["Tech-Manager"] }));
        Assert.Equal("sign", Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "sun", CandidateGroups = ["committee-member"] })).ElementId);
        Assert.Single(await store.QueryTasksAsync(new TaskQuery
        {
            ActionableBy = "zhao", Variables = new Dictionary<string, string> { ["college"] = "材料学院", ["rounds"] = "3", ["urgent"] = "true", ["member"] = "li" },
        }));
        Assert.Empty(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "zhao", Variables = new Dictionary<string, string> { ["x"] = "1" } }));
        // Migration 6 copied the task's columns into its inbox rows: the filters on them find it.
        Assert.Single(await store.QueryTasksAsync(new TaskQuery { ActionableBy = "zhao", ProcessId = "review", ElementId = "task", InstanceId = instanceId }));
        Assert.Equal(1, await store.CountTasksAsync(new TaskQuery { ActionableBy = "sun", CandidateGroups = ["tech-manager"], Assignee = "sun" }));
        Assert.Equal(0, await store.CountTasksAsync(new TaskQuery { ActionableBy = "wang", CandidateGroups = ["tech-manager"], Assignee = "sun" }));
    }

    private const string Ranked = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="ranked" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            <bpmn:userTask id="task" camunda:candidateGroups="tech-manager" camunda:candidateUsers="zhao" camunda:priority="${priority}" camunda:dueDate="${due}" />
            <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Zhao is a candidate of each task twice (by name and by group): counted once, paged once, in every order.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task The_inbox_is_counted_and_paged_from_its_own_rows_in_every_order(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync(Ranked, "test");
        foreach (var (priority, due) in new[] { (50, "P3D"), (80, ""), (50, "P1D"), (20, "P2D"), (80, "P5D") })
            await runtime.StartAsync(new StartRequest { ProcessId = "ranked", Variables = new JsonObject { ["priority"] = priority, ["due"] = due } });
        var all = (await store.QueryTasksAsync(new TaskQuery { ProcessId = "ranked" })).ToList();
        var inbox = new TaskQuery { ActionableBy = "zhao", CandidateGroups = ["tech-manager"], Take = 2 };

        Assert.Equal(5, await store.CountTasksAsync(inbox));
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM wf_task_candidates WHERE task_id = @p0", all[0].Id));
        async Task<List<Guid>> Pages(TaskQuery q)
        {
            var ids = new List<Guid>();
            for (var skip = 0; skip < 6; skip += 2) ids.AddRange((await store.QueryTasksAsync(q with { Skip = skip })).Select(t => t.Id));
            return ids;
        }
        var byDue = all.OrderBy(t => t.DueAt is null).ThenBy(t => t.DueAt).ThenBy(t => t.CreatedAt).Select(t => t.Id).ToList();
        Assert.Equal(byDue, await Pages(inbox with { Sort = TaskSort.Due }));
        Assert.Equal(all.Where(t => t.DueAt is not null).OrderByDescending(t => t.DueAt).Concat(all.Where(t => t.DueAt is null)).Select(t => t.Id).ToList(),
            await Pages(inbox with { Sort = TaskSort.Due, Descending = true }));
        Assert.Equal(all.OrderByDescending(t => t.Priority).ThenBy(t => t.DueAt is null).ThenBy(t => t.DueAt).Select(t => t.Id).ToList(),
            await Pages(inbox with { Sort = TaskSort.Priority }));
        var newest = await Pages(inbox with { Sort = TaskSort.Created, Descending = true });
        Assert.Equal(all.Select(t => t.Id).Order(), newest.Order());
        Assert.Equal(all.Select(t => t.CreatedAt).OrderDescending(), newest.Select(id => all.Single(t => t.Id == id).CreatedAt));

        // Filters on the inbox rows: due dates, and the assignee once Zhao claims one (then only his row is left).
        var soon = all.Where(t => t.DueAt is not null).Min(t => t.DueAt)!.Value.AddHours(1);
        Assert.Equal(1, await store.CountTasksAsync(inbox with { DueBefore = soon }));
        await runtime.ClaimTaskAsync(byDue[1], new Actor("zhao", ["tech-manager"]));
        Assert.Equal(5, await store.CountTasksAsync(inbox));
        Assert.Equal([byDue[1]], (await store.QueryTasksAsync(inbox with { Assignee = "zhao" })).Select(t => t.Id));
        Assert.Equal(4, await store.CountTasksAsync(inbox with { ActionableBy = "wang" }));
    }

    /// <summary>A task that changes while it stays in the same inboxes (an instance moved to another step, a new due date):
    /// its inbox rows follow in the same commit.</summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task The_inbox_rows_follow_a_task_that_changes_in_place(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync(Ranked, "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "ranked", Variables = new JsonObject { ["priority"] = 10, ["due"] = "P1D" } });
        var task = (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Single();
        var due = task.DueAt!.Value.AddDays(30);

        var changes = new StepChanges();
        changes.ExpectedTaskVersions[task.Id] = task.Version;
        task.ElementId = "task-v2";
        task.DueAt = due;
        task.Priority = 90;
        changes.UpdatedTasks.Add(task);
        await store.CommitAsync(changes);

        var inbox = new TaskQuery { ActionableBy = "wang", CandidateGroups = ["tech-manager"] };
        Assert.Equal(1, await store.CountTasksAsync(inbox with { ElementId = "task-v2", DueAfter = due.AddMinutes(-1) }));
        Assert.Equal(0, await store.CountTasksAsync(inbox with { ElementId = "task" }));
        Assert.Equal(2, await CountAsync(db, "SELECT COUNT(*) FROM wf_task_candidates WHERE task_id = @p0 AND priority = 90", task.Id));
    }

    private static async Task<List<Guid>> InstancesAsync(IWorkflowStore store, params (string Name, string Value)[] filters) =>
        (await store.QueryTasksAsync(new TaskQuery { Variables = filters.ToDictionary(f => f.Name, f => f.Value) })).Select(t => t.InstanceId).ToList();

    private static async Task<long> CountAsync(TestDatabase db, string sql, Guid id)
    {
        await using var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        await using var command = SqlCommands.Create(connection, null, sql, db.Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task Execute(DbConnection connection, string sql, params object[] values)
    {
        await using var command = SqlCommands.Create(connection, null, sql, values);
        await command.ExecuteNonQueryAsync();
    }
}
