using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Persistence;

namespace TechTransfer.Evidence;

/// <summary>
/// The evidence pack of each invention (the due-diligence file): the only writer of <c>tt_evidence</c>. Every domain
/// command appends its entry in its own transaction; the chain is verified by recomputing every hash.
/// </summary>
public sealed class EvidenceLog(DomainStore store, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>Adds the next entry of the invention's chain to the command's context (saved with the command).</summary>
    public async Task<EvidenceEntry> AppendAsync(TechTransferDbContext db, Guid inventionId, ActingUser actor, string action, object facts,
        CancellationToken ct = default)
    {
        var pending = db.ChangeTracker.Entries<EvidenceEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.InventionId == inventionId)
            .Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        var last = pending ?? await db.Evidence.AsNoTracking().Where(e => e.InventionId == inventionId)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        var entry = new EvidenceEntry
        {
            InventionId = inventionId,
            Sequence = (last?.Sequence ?? 0) + 1,
            At = clock.GetUtcNow(),
            Actor = actor.IsProcess ? $"process:{actor.UserId}" : actor.UserId,
            Action = action,
            Payload = JsonSerializer.Serialize(facts, Json),
            PreviousHash = last?.Hash ?? "",
        };
        entry.Hash = HashOf(entry);
        db.Evidence.Add(entry);
        return entry;
    }

    /// <summary>The invention's entries in order (an auditor's view; the caller checks who may read it).</summary>
    public Task<List<EvidenceEntry>> EntriesAsync(Guid inventionId, CancellationToken ct = default) =>
        store.ReadAsync(db => db.Evidence.Where(e => e.InventionId == inventionId).OrderBy(e => e.Sequence).ToListAsync(ct), ct);

    /// <summary>Recomputes the chain: the first entry whose hash or link does not match, or a gap in the sequence, is tampering.</summary>
    public async Task<EvidenceVerification> VerifyAsync(Guid inventionId, CancellationToken ct = default)
    {
        var entries = await EntriesAsync(inventionId, ct);
        var previous = "";
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1) return new(false, entries.Count, i + 1, $"entry {i + 1} is missing");
            if (e.PreviousHash != previous) return new(false, entries.Count, e.Sequence, $"entry {e.Sequence} does not link to entry {e.Sequence - 1}");
            if (HashOf(e) != e.Hash) return new(false, entries.Count, e.Sequence, $"entry {e.Sequence} was changed after it was written");
            previous = e.Hash;
        }
        return new(true, entries.Count, null, null);
    }

    public static string HashOf(EvidenceEntry e)
    {
        var text = string.Join('\n', e.PreviousHash, e.InventionId.ToString("N"), e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Actor, e.Action, e.Payload);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>The result of checking a chain: intact, or the first broken entry and why.</summary>
public sealed record EvidenceVerification(bool Intact, int Entries, int? BrokenAt, string? Problem);
