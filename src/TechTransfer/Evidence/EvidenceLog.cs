using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Persistence;
using Workflows.Engine.Contracts;
using Workflows.Persistence.Sealing;
using Workflows.Persistence.Sealing.Packs;

namespace TechTransfer.Evidence;

/// <summary>
/// The evidence pack of each invention (the due-diligence file): the only writer of <c>tt_evidence</c>. Every domain
/// command appends its entry in its own transaction, signed by the record seal (a key outside the database) as the
/// chain's new head; <see cref="DomainStore"/> copies each new head to the checkpoint journal outside the database.
/// The chain is verified by recomputing every hash, checking every signature with the public key, and comparing the
/// chain with the journal's furthest checkpoint (so that entries deleted from the end, or all of them, are seen).
/// </summary>
public sealed class EvidenceLog(DomainStore store, TimeProvider clock, IRecordSeal seal, CheckpointJournal journal)
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
        entry.Signature = seal.Sign(CheckpointOf(entry));
        db.Evidence.Add(entry);
        return entry;
    }

    /// <summary>The invention's entries in order (an auditor's view; the caller checks who may read it).</summary>
    public Task<List<EvidenceEntry>> EntriesAsync(Guid inventionId, CancellationToken ct = default) =>
        store.ReadAsync(db => db.Evidence.Where(e => e.InventionId == inventionId).OrderBy(e => e.Sequence).ToListAsync(ct), ct);

    /// <summary>
    /// Checks the chain: the first entry whose hash or link does not match, or a gap in the sequence, or a signature that
    /// is not the seal's, is tampering; so is a chain shorter than, or different from, its furthest checkpoint outside
    /// the database, a forged line there, and an invention with no entry at all (every case starts with its draft's).
    /// </summary>
    public async Task<EvidenceVerification> VerifyAsync(Guid inventionId, CancellationToken ct = default)
    {
        var (exists, entries) = await store.ReadAsync(async db => (await db.Inventions.AnyAsync(i => i.Id == inventionId, ct),
            await db.Evidence.Where(e => e.InventionId == inventionId).OrderBy(e => e.Sequence).ToListAsync(ct)), ct);
        var previous = "";
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1) return EvidenceVerification.Broken(entries.Count, i + 1, $"entry {i + 1} is missing");
            if (e.PreviousHash != previous) return EvidenceVerification.Broken(entries.Count, e.Sequence, $"entry {e.Sequence} does not link to entry {e.Sequence - 1}");
            if (HashOf(e) != e.Hash) return EvidenceVerification.Broken(entries.Count, e.Sequence, $"entry {e.Sequence} was changed after it was written");
            if (!seal.Verify(CheckpointOf(e), e.Signature))
                return EvidenceVerification.Broken(entries.Count, e.Sequence,
                    $"entry {e.Sequence} does not carry the record seal's signature (rewritten with recomputed hashes, or written without the key)");
            previous = e.Hash;
        }
        if (exists && entries.Count == 0)
            return EvidenceVerification.Broken(0, 1, "the invention has no evidence at all, yet every case begins with its disclosure's entry");

        var journaled = journal.Read(ChainOf(inventionId), seal);
        if (journaled.ForgedLines > 0)
            return EvidenceVerification.Broken(entries.Count, null,
                $"the checkpoint file holds {journaled.ForgedLines} line(s) for this case that the record seal did not sign");
        if (journaled.Furthest is { } checkpoint)
        {
            if (entries.Count < checkpoint.Entries)
                return EvidenceVerification.Broken(entries.Count, entries.Count + 1, string.Create(CultureInfo.InvariantCulture,
                    $"entries {entries.Count + 1} to {checkpoint.Entries} were deleted: the checkpoint of {checkpoint.At:u} outside the database records {checkpoint.Entries} entries"));
            if (entries[(int)checkpoint.Entries - 1].Hash != checkpoint.Head)
                return EvidenceVerification.Broken(entries.Count, (int)checkpoint.Entries, string.Create(CultureInfo.InvariantCulture,
                    $"entry {checkpoint.Entries} is not the one the checkpoint of {checkpoint.At:u} outside the database records"));
        }
        return new(true, entries.Count, null, null, journaled.Furthest?.Entries);
    }

    /// <summary>The head of every case's chain (its last entry, with the case number), for the daily report to the auditor.</summary>
    public Task<List<EvidenceHead>> HeadsAsync(CancellationToken ct = default) =>
        store.ReadAsync(db => (
            from e in db.Evidence
            where e.Sequence == db.Evidence.Where(x => x.InventionId == e.InventionId).Max(x => x.Sequence)
            join i in db.Inventions on e.InventionId equals i.Id
            orderby i.CaseNumber
            select new EvidenceHead(i.CaseNumber, e.InventionId, e.Sequence, e.Hash, e.Signature)).ToListAsync(ct), ct);

    /// <summary>The name of an invention's chain in signatures and in the checkpoint journal.</summary>
    public static string ChainOf(Guid inventionId) => EvidenceChain.ChainOf(inventionId);

    /// <summary>The chain's head at this entry: what its signature covers.</summary>
    public static ChainCheckpoint CheckpointOf(EvidenceEntry e) => new(ChainOf(e.InventionId), e.Sequence, e.Hash);

    /// <summary>The entry's hash (<see cref="EvidenceChain"/>: the same rule <c>wf evidence verify</c> checks an exported pack by).</summary>
    public static string HashOf(EvidenceEntry e) => EvidenceChain.HashOf(e.PreviousHash, e.InventionId, e.Sequence, e.At, e.Actor, e.Action, e.Payload);
}

/// <summary>A case's chain head: how many entries, the last one's hash and the seal's signature over both.</summary>
public sealed record EvidenceHead(string CaseNumber, Guid InventionId, int Entries, string Hash, string Signature)
{
    public string Chain => EvidenceLog.ChainOf(InventionId);
}

/// <summary>
/// The result of checking a case's evidence: intact, or the first problem found (the broken entry where there is one)
/// and why. <paramref name="Checkpointed"/> is how many entries the checkpoint journal outside the database vouches for.
/// </summary>
public sealed record EvidenceVerification(bool Intact, int Entries, int? BrokenAt, string? Problem, long? Checkpointed = null)
{
    public static EvidenceVerification Broken(int entries, int? at, string problem) => new(false, entries, at, problem);
}
