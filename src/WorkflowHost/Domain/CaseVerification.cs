using TechTransfer;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Domain;

/// <summary>
/// Verifies a whole case for an audit: its evidence (chain, seal, checkpoints outside the database, the live pricing,
/// agreement and revenue rows), then the engine's history of every process instance of the case (its business key is the
/// case number): who completed which step can no more be rewritten than the evidence.
/// </summary>
public sealed class CaseVerification(EvidencePackService evidence, InventionService inventions, IWorkflowQueries queries, IHistoryVerifier histories)
{
    public async Task<CaseVerificationResult> VerifyAsync(ActingUser actor, Guid inventionId, CancellationToken ct)
    {
        var pack = await evidence.VerifyAsync(actor, inventionId, ct); // checks that the caller may
        var invention = await inventions.GetAsync(actor, inventionId, ct);
        var instances = (await queries.QueryInstancesAsync(new InstanceQuery { BusinessKey = invention.CaseNumber, Take = 1000 }, ct)).Items
            .OrderBy(i => i.StartedAt).ToList();
        var result = new CaseVerificationResult(pack.Intact, pack.Entries, pack.BrokenAt, pack.Problem, pack.Checkpointed, instances.Count, null);
        if (!pack.Intact) return result;
        foreach (var instance in instances)
        {
            var history = await histories.VerifyAsync(instance.Id, ct);
            if (!history.Intact)
                return result with
                {
                    Intact = false, BrokenAt = null, BrokenInstance = instance.Id,
                    Problem = $"the engine's history of instance {instance.Id} ({instance.ProcessId}): {history.Problem}",
                };
        }
        return result;
    }
}

/// <summary>
/// A case's verification: intact, or the first problem. <paramref name="BrokenAt"/> is the evidence entry where the chain
/// breaks; <paramref name="BrokenInstance"/> the process instance whose history does; <paramref name="Checkpointed"/> how
/// many entries the checkpoint journal outside the database vouches for; <paramref name="Instances"/> how many instances'
/// histories were checked.
/// </summary>
public sealed record CaseVerificationResult(bool Intact, int Entries, int? BrokenAt, string? Problem, long? Checkpointed, int Instances, Guid? BrokenInstance);
