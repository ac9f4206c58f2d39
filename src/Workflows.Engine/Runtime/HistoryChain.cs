using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The history of an instance as a hash chain, as the evidence of a case is one: each entry's hash covers its facts and
/// the previous entry's hash, and the last entry of each step carries the record seal's signature over the chain's head,
/// so that a row changed in place, removed from the middle, or rewritten with every later hash recomputed is seen.
/// </summary>
public static class HistoryChain
{
    /// <summary>The name of an instance's chain in signatures and in the checkpoint journal.</summary>
    public static string ChainOf(Guid instanceId) => "history/" + instanceId.ToString("N");

    public static ChainCheckpoint CheckpointOf(HistoryEntry e) => new(ChainOf(e.InstanceId), e.Sequence, e.Hash);

    public static string HashOf(HistoryEntry e)
    {
        var text = string.Join('\n', e.PreviousHash, e.InstanceId.ToString("N"), e.Sequence.ToString(CultureInfo.InvariantCulture),
            ((int)e.Event).ToString(CultureInfo.InvariantCulture), e.ElementId, e.ElementType, e.TokenId, e.Actor,
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture), e.Data);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Links the entries a step appends to the instance's chain after <paramref name="head"/> (null: a new chain);
    /// signs the new head when there is a seal. Returns the new head.</summary>
    public static HistoryEntry Extend(HistoryEntry? head, IReadOnlyList<HistoryEntry> appended, IRecordSeal? seal)
    {
        var previous = head;
        foreach (var e in appended)
        {
            e.Sequence = (previous?.Sequence ?? 0) + 1;
            e.PreviousHash = previous?.Hash ?? "";
            e.Hash = HashOf(e);
            previous = e;
        }
        var last = appended[^1];
        if (seal is not null) last.Signature = seal.Sign(CheckpointOf(last));
        return last;
    }

    /// <summary>
    /// Checks an instance's chain (oldest first): the first gap, broken link, changed entry or signature that is not the
    /// seal's; without a seal only the hashes are checked. Entries written before chaining (sequence 0) come first and are
    /// counted apart. <paramref name="checkpoint"/>, the furthest head recorded outside the database, must still be there.
    /// </summary>
    public static HistoryVerification Verify(IReadOnlyList<HistoryEntry> entries, IRecordSeal? seal, ChainCheckpoint? checkpoint = null)
    {
        var legacy = entries.TakeWhile(e => e.Sequence == 0).Count();
        var chained = entries.Skip(legacy).ToList();
        string previous = "";
        for (var i = 0; i < chained.Count; i++)
        {
            var e = chained[i];
            var place = i + 1;
            if (e.Sequence != place) return new(false, chained.Count, legacy, place, $"history entry {place} is missing");
            if (e.PreviousHash != previous) return new(false, chained.Count, legacy, place, $"history entry {place} does not link to entry {place - 1}");
            if (HashOf(e) != e.Hash) return new(false, chained.Count, legacy, place, $"history entry {place} was changed after it was written");
            if (seal is not null && e.Signature is { } signature && !seal.Verify(CheckpointOf(e), signature))
                return new(false, chained.Count, legacy, place,
                    $"history entry {place} does not carry the record seal's signature (rewritten with recomputed hashes, or written without the key)");
            previous = e.Hash;
        }
        if (seal is not null && chained.Count > 0 && chained[^1].Signature is null)
            return new(false, chained.Count, legacy, chained.Count,
                $"history entry {chained.Count} ends no step the engine signed: entries after it were deleted, or it was added without the key");
        if (checkpoint is not null)
        {
            if (chained.Count < checkpoint.Entries)
                return new(false, chained.Count, legacy, chained.Count + 1, string.Create(CultureInfo.InvariantCulture,
                    $"history entries {chained.Count + 1} to {checkpoint.Entries} were deleted: a checkpoint outside the database records {checkpoint.Entries}"));
            if (chained[(int)checkpoint.Entries - 1].Hash != checkpoint.Head)
                return new(false, chained.Count, legacy, (int)checkpoint.Entries, string.Create(CultureInfo.InvariantCulture,
                    $"history entry {checkpoint.Entries} is not the one a checkpoint outside the database records"));
        }
        return new(true, chained.Count, legacy, null, null);
    }
}

/// <summary>The result of checking an instance's history: intact, or the first broken entry and why. <paramref name="Unchained"/>
/// counts the entries written before the history was chained.</summary>
public sealed record HistoryVerification(bool Intact, int Entries, int Unchained, int? BrokenAt, string? Problem);
