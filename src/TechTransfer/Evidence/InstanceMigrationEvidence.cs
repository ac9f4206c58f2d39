using Workflows.Engine.Contracts;

namespace TechTransfer.Evidence;

/// <summary>
/// Every migration of a running process of a case to another published version (the engine's
/// <see cref="InstanceMigratedEvent"/>, whose business key is the case number) joins the case's evidence pack: which
/// instance moved from which version to which, each with its content hash, the element mapping, who moved it and when.
/// Delivered at least once: an event already in the pack (by its id) is not written again. Instances of processes that
/// are no case are not ours.
/// </summary>
public sealed class InstanceMigrationEvidence(EvidenceLog evidence) : IInstanceMigrationListener
{
    public const string Migrated = "workflow.migrated";

    public Task OnInstanceMigratedAsync(InstanceMigratedEvent migrated, CancellationToken ct) =>
        evidence.AppendEventOnceAsync(migrated.BusinessKey, migrated.EventId, ActingUser.Create(migrated.Actor), Migrated, new
        {
            eventId = migrated.EventId, migrated.InstanceId, process = migrated.From.ProcessId,
            from = migrated.From, to = migrated.To, migrated.Mapping, at = migrated.At,
        }, ct);
}
