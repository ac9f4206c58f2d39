using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TechTransfer.Inventions;
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
public sealed class EvidenceLog(DomainStore store, TimeProvider clock, IRecordSeal seal, CheckpointJournal journal, IPeopleDirectory people)
{
    /// <summary>The payload's snapshot of who acted: id, name and roles (and committee seats) at that moment, never joined at read time.</summary>
    public const string ActedBy = "actedBy";
    /// <summary>The payload's record of the process step the entry was written in: definition id, version, content hash, element, instance.</summary>
    public const string RanUnder = "ranUnder";

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
            Payload = await PayloadAsync(actor, facts, ct),
            PreviousHash = last?.Hash ?? "",
        };
        entry.Hash = HashOf(entry);
        entry.Signature = seal.Sign(CheckpointOf(entry));
        db.Evidence.Add(entry);
        return entry;
    }

    /// <summary>
    /// The facts, with who acted as they were at that moment (their name and roles from the accounts, else the roles they
    /// acted with) and the process step it ran in, so that the pack needs no join to accounts or definitions when read.
    /// </summary>
    private async Task<string> PayloadAsync(ActingUser actor, object facts, CancellationToken ct)
    {
        if (JsonSerializer.SerializeToNode(facts, Json) is not JsonObject payload) return JsonSerializer.Serialize(facts, Json);
        var described = actor.UserId is "process" || actor.UserId.StartsWith("process:", StringComparison.Ordinal)
            ? null : await people.DescribeAsync(actor.UserId, ct);
        var roles = (described?.Roles ?? []).Concat(actor.Roles).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        payload[ActedBy] ??= JsonSerializer.SerializeToNode(new
        {
            userId = actor.UserId, name = described?.Name, roles, throughProcess = actor.IsProcess ? true : (bool?)null,
            committees = actor.Committees.Count == 0 ? null : actor.Committees.Select(c => new { c.CommitteeId, chair = c.IsChair }),
        }, Json);
        if (actor.Step is { } step)
            payload[RanUnder] ??= JsonSerializer.SerializeToNode(new
            {
                step.Definition.DefinitionId, step.Definition.ProcessId, step.Definition.Version, step.Definition.ContentHash, step.ElementId, step.InstanceId,
            }, Json);
        return payload.ToJsonString(Json);
    }

    /// <summary>
    /// Appends the entry of an engine event (a task handover, an instance migration) to the case whose number is the
    /// event's business key, once per event id: events are delivered at least once. A process that is no case is not ours.
    /// </summary>
    public Task AppendEventOnceAsync(string? caseNumber, Guid eventId, ActingUser actor, string action, object facts, CancellationToken ct) =>
        string.IsNullOrEmpty(caseNumber) ? Task.CompletedTask : store.WriteAsync(async db =>
        {
            var inventionId = await db.Inventions.Where(i => i.CaseNumber == caseNumber).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
            if (inventionId is not { } id) return;
            var eventText = eventId.ToString();
            if (await db.Evidence.AnyAsync(e => e.InventionId == id && e.Action == action && e.Payload.Contains(eventText), ct)) return;
            await AppendAsync(db, id, actor, action, facts, ct);
        }, ct);

    /// <summary>The invention's entries of one action in order, inside a command (a rule that rests on a recorded decision).</summary>
    public static Task<List<EvidenceEntry>> OfActionAsync(TechTransferDbContext db, Guid inventionId, string action, CancellationToken ct) =>
        db.Evidence.AsNoTracking().Where(e => e.InventionId == inventionId && e.Action == action).OrderBy(e => e.Sequence).ToListAsync(ct);

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
