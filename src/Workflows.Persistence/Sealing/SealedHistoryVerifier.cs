using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

namespace Workflows.Persistence.Sealing;

/// <summary>
/// The engine's history check on a store: the chain with the seal's public key, then its furthest checkpoint in the
/// journal outside the database (history cut from the end, or all of it, is seen there), and a forged journal line.
/// </summary>
public sealed class SealedHistoryVerifier(IWorkflowStore store, IRecordSeal? seal, CheckpointJournal? journal) : IHistoryVerifier
{
    public async Task<HistoryVerification> VerifyAsync(Guid instanceId, CancellationToken ct = default)
    {
        var instance = await store.GetInstanceAsync(instanceId, ct);
        var history = (await store.GetHistoryAsync(instanceId, ct)).OrderBy(h => h.Sequence).ThenBy(h => h.Id).ToList();
        if (instance is not null && history.Count == 0)
            return new(false, 0, 0, 1, "the instance has no history at all, yet every instance begins with its start");
        JournalReading? journaled = seal is not null && journal is not null ? journal.Read(HistoryChain.ChainOf(instanceId), seal) : null;
        if (journaled is { ForgedLines: > 0 })
            return new(false, history.Count, 0, null, $"the checkpoint file holds {journaled.ForgedLines} line(s) for this instance that the record seal did not sign");
        return HistoryChain.Verify(history, seal, journaled?.Furthest?.Checkpoint);
    }
}
