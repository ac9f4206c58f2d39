using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Workflows.Persistence.Sealing.Packs;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// An exported pack opened up as a dishonest holder would: any file rewritten, and (as anyone with the source can) the
/// manifest's hashes recomputed to match, so that only what needs the record seal's key still gives it away.
/// </summary>
public sealed class TamperedPack
{
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    public TamperedPack(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            _files[entry.FullName] = copy.ToArray();
        }
    }

    public IReadOnlyCollection<string> Names => _files.Keys;

    public byte[] this[string name]
    {
        get => _files[name];
        set => _files[name] = value;
    }

    public void Remove(string name) => _files.Remove(name);

    public List<PackEntry> Entries
    {
        get => JsonSerializer.Deserialize<List<PackEntry>>(_files[SealedPack.Entries], SealedPack.Json)!;
        set => _files[SealedPack.Entries] = JsonSerializer.SerializeToUtf8Bytes(value, SealedPack.Json);
    }

    public T Read<T>(string name) => JsonSerializer.Deserialize<T>(_files[name], SealedPack.Json)!;

    public void Write<T>(string name, T value) => _files[name] = JsonSerializer.SerializeToUtf8Bytes(value, SealedPack.Json);

    /// <summary>The zip; with <paramref name="recomputeManifest"/>, every file's hash and the chain's summary made to match first.</summary>
    public byte[] Save(bool recomputeManifest = true)
    {
        if (recomputeManifest)
        {
            var manifest = Read<PackManifest>(SealedPack.Manifest);
            var entries = Entries;
            Write(SealedPack.Manifest, manifest with
            {
                Entries = entries.Count, Head = entries.Count > 0 ? entries[^1].Hash : "",
                Files = _files.Where(f => f.Key is not SealedPack.Manifest and not SealedPack.Seal)
                    .Select(f => new PackFile(f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length)).ToList(),
            });
        }
        var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in _files)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        return output.ToArray();
    }

    /// <summary>Entries from <paramref name="from"/> (0-based) on re-linked and re-hashed, as anyone with the source can.</summary>
    public static List<PackEntry> Rehashed(List<PackEntry> entries, int from)
    {
        for (var i = from; i < entries.Count; i++)
        {
            var linked = entries[i] with { PreviousHash = i == 0 ? "" : entries[i - 1].Hash };
            entries[i] = linked with { Hash = EvidenceChain.HashOf(linked) };
        }
        return entries;
    }
}
