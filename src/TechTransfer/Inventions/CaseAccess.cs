using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Persistence;

namespace TechTransfer.Inventions;

/// <summary>
/// The one rule for who may see a case's data, whichever way it is read (the domain's services, and through the host the
/// engine's views of the case's instances):
/// <list type="bullet">
/// <item>its inventors, and whoever filed it, always: an unsubmitted draft is theirs alone;</item>
/// <item>the office (technology managers, the office head), once it is submitted;</item>
/// <item>a committee's members and chair, once a review of their committee has opened on it (while it runs and after);</item>
/// <item>nobody else: not other inventors, not other committees, not workflow or system administrators.</item>
/// </list>
/// A workflow step acting for the process reads everything.
/// </summary>
internal static class CaseAccess
{
    public static async Task<bool> MayReadAsync(TechTransferDbContext db, ActingUser actor, Invention invention, CancellationToken ct)
    {
        if (actor.IsProcess || IsOwn(actor, invention)) return true;
        if (invention.Status == InventionStatus.Draft) return false;
        return actor.IsOffice || await SitsOnAReviewAsync(db, actor, invention.Id, ct);
    }

    /// <summary>The inventions the actor may read, as a query (the same rule as <see cref="MayReadAsync"/>, for lists).</summary>
    public static async Task<IQueryable<Invention>> VisibleAsync(TechTransferDbContext db, ActingUser actor, CancellationToken ct)
    {
        var query = db.Inventions.AsQueryable();
        if (actor.IsProcess) return query;
        var user = actor.UserId;
        var office = actor.IsOffice;
        var reviewed = await ReviewedByAsync(db, actor, ct);
        return query.Where(i => i.CreatedBy == user || i.Inventors.Any(x => x.UserId == user)
                                || (i.Status != InventionStatus.Draft && (office || reviewed.Contains(i.Id))));
    }

    /// <summary>The inventions a committee member or chair sees because a review of their committee opened on them.</summary>
    public static async Task<HashSet<Guid>> ReviewedByAsync(TechTransferDbContext db, ActingUser actor, CancellationToken ct)
    {
        var reviews = await db.Reviews.Select(r => new { r.InventionId, r.ChairId, r.Members }).ToListAsync(ct);
        return reviews.Where(r => SitsOn(actor, r.ChairId, r.Members)).Select(r => r.InventionId).ToHashSet();
    }

    /// <summary>Whether the actor sits on (or chairs) a review of the invention.</summary>
    public static async Task<bool> SitsOnAReviewAsync(TechTransferDbContext db, ActingUser actor, Guid inventionId, CancellationToken ct)
    {
        var reviews = await db.Reviews.Where(r => r.InventionId == inventionId).Select(r => new { r.ChairId, r.Members }).ToListAsync(ct);
        return reviews.Any(r => SitsOn(actor, r.ChairId, r.Members));
    }

    private static bool IsOwn(ActingUser actor, Invention invention) =>
        invention.CreatedBy == actor.UserId || invention.Inventors.Any(i => i.UserId == actor.UserId);

    private static bool SitsOn(ActingUser actor, string chairId, string members) =>
        chairId == actor.UserId || (JsonSerializer.Deserialize<List<string>>(members) ?? []).Contains(actor.UserId, StringComparer.Ordinal);
}
