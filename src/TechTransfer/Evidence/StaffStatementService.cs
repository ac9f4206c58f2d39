using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Evidence;

/// <summary>
/// A staff member's <see cref="NoConflictStatement"/> on a step where the office decides a price or an agreement (the
/// transfer file, a negotiated price, the signing): who, on which step, whether they made it, and its text.
/// </summary>
public sealed class StaffStatementService(DomainStore store, EvidenceLog evidence)
{
    public const string Action = "statement.no-conflict";
    /// <summary>The form's checkbox (true: the statement is made) on the steps that carry it.</summary>
    public const string Variable = "noConflict";

    public Task RecordAsync(ActingUser actor, Guid inventionId, string step, bool declared, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            await InventionService.LoadAsync(db, inventionId, ct);
            await evidence.AppendAsync(db, inventionId, actor, Action, new { person = actor.UserId, step, declared, statement = NoConflictStatement.Text }, ct);
        }, ct);
}
