using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence.Sealing;
using Workflows.Testing;

namespace Workflows.Persistence.Tests.Sealing;

/// <summary>
/// The engine's history as a sealed chain (issue 14): every step's entries extend the instance's chain from its head,
/// also when steps share a batch or come from two hosts at once, and each step's head is signed and journaled.
/// </summary>
public sealed class HistoryChainTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Concurrent_steps_extend_one_history_in_order_each_head_signed_and_journaled(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var folder = Path.Combine(Path.GetTempPath(), "wf-seal-tests", Guid.NewGuid().ToString("N"));
        using var seal = Ed25519RecordSeal.LoadOrCreate(Path.Combine(folder, "key.pem"));
        var journal = new CheckpointJournal(Path.Combine(folder, "history.jsonl"));
        var options = new WorkflowStoreOptions { Seal = seal, Journal = journal };
        // Two hosts of one installation on the same database.
        await using var one = WorkflowPersistence.CreateStore(provider, db.ConnectionString, options);
        await using var two = WorkflowPersistence.CreateStore(provider, db.ConnectionString, options);
        var id = Guid.NewGuid();
        var start = new StepChanges();
        start.InsertedInstances.Add(new ProcessInstance
        {
            Id = id, DefinitionId = "p:1", ProcessId = "p", DefinitionVersion = 1, StartedAt = DateTimeOffset.UtcNow, State = new InstanceState(),
        });
        start.History.Add(Entry(id, "started"));
        await one.CommitAsync(start);

        // History-only steps (a claim, a reminder) race on the same instance; a loser is re-run as the runtime would.
        async Task StepAsync(EfWorkflowStore store, int n)
        {
            for (var attempt = 0; ; attempt++)
            {
                var step = new StepChanges();
                step.History.Add(Entry(id, $"step {n} a"));
                step.History.Add(Entry(id, $"step {n} b"));
                try
                {
                    await store.CommitAsync(step);
                    return;
                }
                catch (ConcurrencyConflictException) when (attempt < 20) { }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 16).Select(n => StepAsync(n % 2 == 0 ? one : two, n)));

        var history = (await one.GetHistoryAsync(id)).OrderBy(h => h.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 33).Select(i => (long)i), history.Select(h => h.Sequence));
        Assert.Equal(17, history.Count(h => h.Signature is not null)); // the head of each step
        var verdict = await new SealedHistoryVerifier(one, seal, journal).VerifyAsync(id);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(33, journal.Read(HistoryChain.ChainOf(id), seal).Furthest?.Entries);

        // Without the journal's copy, a history cut at a step's end would look whole; with it, it does not.
        await db.ExecuteAsync("DELETE FROM wf_history WHERE seq > 31");
        var cut = await new SealedHistoryVerifier(one, seal, journal).VerifyAsync(id);
        Assert.False(cut.Intact);
        Assert.Equal(32, cut.BrokenAt);
        Assert.Contains("were deleted", cut.Problem);
    }

    private static HistoryEntry Entry(Guid instance, string data) =>
        new() { InstanceId = instance, Event = HistoryEventType.VariablesChanged, At = DateTimeOffset.UtcNow, Data = $"\"{data}\"", Actor = "tester" };
}
