using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workflows.Engine.Contracts;

namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// Checks an exported pack with nothing but the record seal's public key, in this order, and names the first problem:
/// the pack's key is the given one; every file is the manifest's (hash and size, none missing, none added); each entry's
/// place, link, hash and signature; the chain against its signed checkpoint (entries cut from the end, or all of them);
/// each attachment against its hash and against a signed entry that records that hash; the manifest against the chain;
/// and last the seal over the manifest (what no recomputation without the key can make match).
/// </summary>
public static class SealedPackVerifier
{
    public static async Task<PackVerification> VerifyAsync(Stream pack, Ed25519RecordSeal key, CancellationToken ct = default)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(pack, ZipArchiveMode.Read, leaveOpen: true); }
        catch (InvalidDataException e) { return PackVerification.Refused("(pack)", null, $"not a ZIP file: {e.Message}"); }
        using (zip)
        {
            var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
                if (!byName.TryAdd(entry.FullName, entry)) return PackVerification.Refused(entry.FullName, null, "the pack holds two files of this name");

            // The manifest, and whether the pack was sealed with the key the auditor holds.
            if (!byName.TryGetValue(SealedPack.Manifest, out var manifestEntry)) return PackVerification.Refused(SealedPack.Manifest, null, "missing");
            var manifestBytes = await ReadAsync(manifestEntry, ct);
            var manifest = Parse<PackManifest>(manifestBytes);
            if (manifest is null || manifest.Format != SealedPack.Format || manifest.Files is null)
                return PackVerification.Refused(SealedPack.Manifest, null, $"not a manifest of format {SealedPack.Format}");
            if (!byName.TryGetValue(SealedPack.PublicKey, out var keyEntry)) return PackVerification.Refused(SealedPack.PublicKey, null, "missing");
            string packKey;
            try { packKey = Ed25519RecordSeal.FromPublicKey(Encoding.ASCII.GetString(await ReadAsync(keyEntry, ct))).KeyId; }
            catch (FormatException) { return PackVerification.Refused(SealedPack.PublicKey, null, "not an Ed25519 public key in PEM"); }
            if (packKey != key.KeyId || manifest.KeyId != key.KeyId)
                return PackVerification.Refused(SealedPack.PublicKey, null,
                    $"the pack was sealed with key {(packKey != key.KeyId ? packKey : manifest.KeyId)}, not with the given key {key.KeyId}");

            // Every file as the manifest lists it.
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in manifest.Files)
            {
                listed.Add(file.Path);
                if (!byName.TryGetValue(file.Path, out var entry)) return PackVerification.Refused(file.Path, null, "listed in the manifest but missing from the pack");
                var (sha, size) = await HashAsync(entry, ct);
                if (sha != file.Sha256) return PackVerification.Refused(file.Path, null, $"its SHA-256 is {sha}, but the manifest records {file.Sha256}");
                if (size != file.Size) return PackVerification.Refused(file.Path, null, $"it is {size} bytes, but the manifest records {file.Size}");
            }
            foreach (var name in byName.Keys.Where(n => n is not SealedPack.Manifest and not SealedPack.Seal && !n.EndsWith('/')))
                if (!listed.Contains(name)) return PackVerification.Refused(name, null, "not listed in the manifest (added after export)");

            // The chain: place, link, hash, signature of each entry.
            if (!listed.Contains(SealedPack.Entries)) return PackVerification.Refused(SealedPack.Entries, null, "missing");
            var entries = Parse<List<PackEntry>>(await ReadAsync(byName[SealedPack.Entries], ct));
            if (entries is null) return PackVerification.Refused(SealedPack.Entries, null, "not a JSON array of entries");
            var chain = EvidenceChain.ChainOf(manifest.Subject);
            var previous = "";
            for (var i = 0; i < entries.Count; i++)
            {
                var e = entries[i];
                if (e is null) return PackVerification.Refused(SealedPack.Entries, i + 1, "not an entry");
                if (e.Sequence != i + 1) return PackVerification.Refused(SealedPack.Entries, i + 1, $"entry {i + 1} is missing (found entry {e.Sequence} in its place)");
                if (e.InventionId != manifest.Subject) return PackVerification.Refused(SealedPack.Entries, e.Sequence, $"the entry belongs to {e.InventionId}, not to this case ({manifest.Subject})");
                if (e.PreviousHash != previous) return PackVerification.Refused(SealedPack.Entries, e.Sequence, $"it does not link to entry {e.Sequence - 1}");
                if (EvidenceChain.HashOf(e) != e.Hash) return PackVerification.Refused(SealedPack.Entries, e.Sequence, "changed after it was written: its hash does not match its contents");
                if (!key.Verify(new ChainCheckpoint(chain, e.Sequence, e.Hash), e.Signature ?? ""))
                    return PackVerification.Refused(SealedPack.Entries, e.Sequence,
                        "its signature is not the record seal's (rewritten with recomputed hashes, or signed with another key)");
                previous = e.Hash;
            }
            if (entries.Count == 0)
                return PackVerification.Refused(SealedPack.Entries, null, "the pack holds no entry at all, yet every case begins with its disclosure's entry");

            // The chain against its checkpoint outside the database, as signed.
            if (!listed.Contains(SealedPack.Checkpoint)) return PackVerification.Refused(SealedPack.Checkpoint, null, "missing");
            var checkpoint = Parse<SignedCheckpoint>(await ReadAsync(byName[SealedPack.Checkpoint], ct));
            if (checkpoint is null || checkpoint.Chain != chain || !key.Verify(checkpoint.Checkpoint, checkpoint.Signature ?? ""))
                return PackVerification.Refused(SealedPack.Checkpoint, null, $"not a checkpoint of {chain} signed by the given key");
            if (entries.Count < checkpoint.Entries)
                return PackVerification.Refused(SealedPack.Entries, entries.Count + 1, string.Create(CultureInfo.InvariantCulture,
                    $"entries {entries.Count + 1} to {checkpoint.Entries} were deleted: the signed checkpoint of {checkpoint.At:u} records {checkpoint.Entries} entries"));
            if (checkpoint.Entries < 1 || entries[(int)checkpoint.Entries - 1].Hash != checkpoint.Head)
                return PackVerification.Refused(SealedPack.Entries, (int)Math.Max(1, checkpoint.Entries), string.Create(CultureInfo.InvariantCulture,
                    $"not the entry the signed checkpoint of {checkpoint.At:u} records at this place"));

            // Each attachment: its bytes are the hash that the index and a signed entry record.
            if (!listed.Contains(SealedPack.AttachmentIndex)) return PackVerification.Refused(SealedPack.AttachmentIndex, null, "missing");
            var attachments = Parse<List<PackAttachment>>(await ReadAsync(byName[SealedPack.AttachmentIndex], ct));
            if (attachments is null) return PackVerification.Refused(SealedPack.AttachmentIndex, null, "not a JSON array of attachments");
            var recorded = RecordedHashes(entries);
            foreach (var a in attachments)
            {
                if (a is null) return PackVerification.Refused(SealedPack.AttachmentIndex, null, "an item is not an attachment");
                if (a.Path is null || !listed.Contains(a.Path)) return PackVerification.Refused(a.Path ?? SealedPack.AttachmentIndex, null, "listed in the attachment index but missing from the pack");
                var (sha, _) = await HashAsync(byName[a.Path], ct);
                if (!string.Equals(sha, a.Sha256, StringComparison.OrdinalIgnoreCase))
                    return PackVerification.Refused(a.Path, null, $"its SHA-256 is {sha}, but the attachment index records {a.Sha256}");
                if (!recorded.TryGetValue(sha, out _))
                    return PackVerification.Refused(a.Path, null, $"no signed entry records its SHA-256 {sha} (the file was replaced)");
            }

            // The manifest's summary of the chain, then the seal over the manifest itself.
            if (manifest.Entries != entries.Count || manifest.Head != entries[^1].Hash)
                return PackVerification.Refused(SealedPack.Manifest, null, $"it records {manifest.Entries} entries ending in {manifest.Head}, but the pack holds {entries.Count} ending in {entries[^1].Hash}");
            if (!byName.TryGetValue(SealedPack.Seal, out var sealEntry)) return PackVerification.Refused(SealedPack.Seal, null, "missing");
            var seal = Parse<SignedCheckpoint>(await ReadAsync(sealEntry, ct));
            var manifestHash = Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
            if (seal is null || seal.Chain != SealedPack.SealChainOf(manifest.Subject) || !key.Verify(seal.Checkpoint, seal.Signature ?? ""))
                return PackVerification.Refused(SealedPack.Seal, null, "not the record seal's signature of this case's export under the given key");
            if (seal.Head != manifestHash || seal.Entries != entries.Count)
                return PackVerification.Refused(SealedPack.Manifest, null,
                    "not the manifest the record seal signed at export: files were changed, added or removed afterwards");
            return new PackVerification(true, entries.Count, attachments.Count, null, null, null, manifest);
        }
    }

    /// <summary>Every SHA-256 (64 hex digits) a signed entry's facts hold, with the first entry that holds it.</summary>
    private static Dictionary<string, int> RecordedHashes(List<PackEntry> entries)
    {
        var found = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in entries)
        {
            JsonDocument doc;
            try { doc = JsonDocument.Parse(e.Payload); }
            catch (JsonException) { continue; }
            using (doc) Collect(doc.RootElement, e.Sequence, found);
        }
        return found;
    }

    private static void Collect(JsonElement value, int sequence, Dictionary<string, int> found)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) Collect(p.Value, sequence, found);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray()) Collect(item, sequence, found);
                break;
            case JsonValueKind.String when value.GetString() is { Length: 64 } text && text.All(char.IsAsciiHexDigit):
                found.TryAdd(text, sequence);
                break;
        }
    }

    private static T? Parse<T>(byte[] json) where T : class
    {
        try { return JsonSerializer.Deserialize<T>(json, SealedPack.Json); }
        catch (JsonException) { return null; }
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        await using var stream = entry.Open();
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    private static async Task<(string Sha256, long Size)> HashAsync(ZipArchiveEntry entry, CancellationToken ct)
    {
        await using var stream = entry.Open();
        return await PackHashing.HashAsync(stream, null, ct);
    }
}
