using System.Data.Common;
using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

/// <summary>
/// Group commit: steps that wait together are written in one transaction, each still atomic and its conflicts
/// its own. The steps are queued behind a write held by another connection, so that they wait together.
/// </summary>
public sealed class GroupCommitTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Steps_ready_together_share_one_transaction_and_each_is_written(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var blocker = await InsertAsync(store);
        var before = store.Commits;

        var ids = Enumerable.Range(0, 32).Select(_ => Guid.NewGuid()).ToList();
        List<Task> steps;
        await using (await HoldWritesAsync(db, blocker))
        {
            steps = [store.CommitAsync(Update(await store.GetInstanceAsync(blocker), "first")), .. ids.Select(id => store.CommitAsync(New(id)))];
        }
        await Task.WhenAll(steps);

        foreach (var id in ids) Assert.NotNull(await store.GetInstanceAsync(id));
        Assert.Equal(1, (await store.GetInstanceAsync(blocker))!.Version);
        Assert.InRange(store.Commits - before, 1, 2); // 33 steps: the one that waited on the held row, then the rest at once
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_failing_step_does_not_poison_its_batch_mates(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var blocker = await InsertAsync(store);
        var moved = await InsertAsync(store);
        var existing = await InsertAsync(store);
        var stale = (await store.GetInstanceAsync(moved))!;
        await store.CommitAsync(Update(await store.GetInstanceAsync(moved), "moved on"));
        var before = store.Commits;
        var fresh = Guid.NewGuid();
        var lonely = Guid.NewGuid();

        Task first, conflicting, duplicate, last;
        await using (await HoldWritesAsync(db, blocker))
        {
            first = store.CommitAsync(Update(await store.GetInstanceAsync(blocker), "first"));
            conflicting = store.CommitAsync(Update(stale, "lost"));             // loaded at version 0, now at 1
            var twice = New(existing);                                           // an instance id that exists
            twice.History.Add(History(lonely, "never written"));
            duplicate = store.CommitAsync(twice);
            last = store.CommitAsync(New(fresh));
        }

        await first;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => conflicting);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => duplicate);
        await last;
        Assert.NotNull(await store.GetInstanceAsync(fresh));
        Assert.Equal(["moved on"], (await store.GetHistoryAsync(moved)).Select(h => h.Data));
        Assert.Empty(await store.GetHistoryAsync(lonely));
        Assert.Equal(["first"], (await store.GetHistoryAsync(blocker)).Select(h => h.Data));
        Assert.InRange(store.Commits - before, 1, 2);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Steps_on_one_instance_in_one_batch_have_exactly_one_winner(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var blocker = await InsertAsync(store);
        var contested = await InsertAsync(store);

        List<Task> attempts;
        await using (await HoldWritesAsync(db, blocker))
        {
            var first = store.CommitAsync(Update(await store.GetInstanceAsync(blocker), "first"));
            attempts = [];
            for (var i = 0; i < 8; i++) attempts.Add(store.CommitAsync(Update(await store.GetInstanceAsync(contested), $"attempt {i}")));
            attempts.Add(first);
        }
        var outcomes = await Task.WhenAll(attempts[..8].Select(async a =>
        {
            try { await a; return true; }
            catch (ConcurrencyConflictException) { return false; }
        }));
        await attempts[8];

        Assert.Single(outcomes, won => won);
        Assert.Equal(1, (await store.GetInstanceAsync(contested))!.Version);
        var history = Assert.Single(await store.GetHistoryAsync(contested));
        Assert.Equal($"attempt {Array.IndexOf(outcomes, true)}", history.Data);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Sixteen_completions_of_one_task_at_once_let_exactly_one_through(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var store = db.CreateStore();
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="review" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
                <bpmn:userTask id="task" camunda:candidateGroups="tech-manager" />
                <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "review" });
        var taskId = instance.State.Tokens.Single().TaskId!.Value;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            try
            {
                await runtime.CompleteTaskAsync(taskId, new Actor($"manager{i}", ["tech-manager"]), new JsonObject { ["by"] = i });
                return true;
            }
            catch (ConcurrencyConflictException) { return false; }
        })));

        Assert.Single(outcomes, won => won);
        Assert.Equal(InstanceStatus.Completed, (await store.GetInstanceAsync(instance.Id))!.Status);
        Assert.Single(await store.GetHistoryAsync(instance.Id), h => h.Event == HistoryEventType.TaskCompleted);
    }

    private static ProcessInstance Instance(Guid id) => new()
    {
        Id = id, DefinitionId = "p:1", ProcessId = "p", DefinitionVersion = 1, StartedAt = DateTimeOffset.UtcNow,
        State = new InstanceState { Tokens = [new Token { Id = "t1", NodeId = "review", Status = TokenStatus.Waiting }] },
    };

    private static HistoryEntry History(Guid instance, string data) =>
        new() { InstanceId = instance, Event = HistoryEventType.VariablesChanged, At = DateTimeOffset.UtcNow, Data = data };

    private static StepChanges New(Guid id)
    {
        var changes = new StepChanges();
        changes.InsertedInstances.Add(Instance(id));
        return changes;
    }

    private static StepChanges Update(ProcessInstance? instance, string data)
    {
        var changes = new StepChanges();
        changes.UpdatedInstances.Add(instance!);
        changes.ExpectedVersions[instance!.Id] = instance.Version;
        changes.History.Add(History(instance.Id, data));
        return changes;
    }

    private static async Task<Guid> InsertAsync(EfWorkflowStore store)
    {
        var id = Guid.NewGuid();
        await store.CommitAsync(New(id));
        return id;
    }

    /// <summary>
    /// Holds another connection's write until disposed, so that the store's writer waits and the steps queued
    /// meanwhile are committed together: on SQLite the file's write lock, on PostgreSQL the row of <paramref name="row"/>.
    /// </summary>
    private static async Task<IAsyncDisposable> HoldWritesAsync(TestDatabase db, Guid row)
    {
        var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        var tx = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = db.Provider == DatabaseProvider.Sqlite
            ? "UPDATE wf_instances SET version = version WHERE id = @id" // a write: SQLite's lock is taken at once
            : "SELECT id FROM wf_instances WHERE id = @id FOR UPDATE";
        var p = command.CreateParameter();
        p.ParameterName = "@id";
        p.Value = db.Provider == DatabaseProvider.Sqlite ? row.ToString().ToUpperInvariant() : row;
        command.Parameters.Add(p);
        await command.ExecuteNonQueryAsync();
        return new HeldWrite(connection, tx);
    }

    private sealed class HeldWrite(DbConnection connection, DbTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.CommitAsync();
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
