using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Evidence;

/// <summary>
/// The evidence pack as the office and its head read it for an audit, and its verification: the chain (hashes, the record
/// seal's signatures, the checkpoints outside the database), then the live rows it speaks of.
/// </summary>
public sealed class EvidencePackService(DomainStore store, EvidenceLog log, EvidenceReconciliation reconciliation)
{
    public async Task<List<EvidenceEntry>> GetAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await EnsureAsync(actor, inventionId, ct);
        return await log.EntriesAsync(inventionId, ct);
    }

    public async Task<EvidenceVerification> VerifyAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await EnsureAsync(actor, inventionId, ct);
        var chain = await log.VerifyAsync(inventionId, ct);
        if (!chain.Intact) return chain;
        var difference = await reconciliation.FirstDifferenceAsync(inventionId, await log.EntriesAsync(inventionId, ct), ct);
        return difference is null ? chain : chain with { Intact = false, Problem = difference };
    }

    private async Task EnsureAsync(ActingUser actor, Guid inventionId, CancellationToken ct)
    {
        await InventionService.EnsureCanReadAsync(store, actor, inventionId, ct); // a draft's is its inventors' alone
        if (!actor.IsOffice) throw TechTransferException.Forbidden("Only the office reads the evidence pack.");
    }
}
