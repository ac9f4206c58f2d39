using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Workflows.Engine.Contracts;

namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// Writes a pack (<see cref="SealedPack"/>): every file hashed as it is written, then the manifest of all of them, then
/// the record seal's signature over the manifest's hash. Generic over the entries and documents it is given.
/// </summary>
public static class SealedPackWriter
{
    public static async Task WriteAsync(Stream output, PackContent content, IRecordSeal seal, string publicKeyPem, CancellationToken ct = default)
    {
        var files = new List<PackFile>();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

        async Task AddAsync(string path, Stream source)
        {
            var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
            entry.LastWriteTime = content.ExportedAt;
            await using var target = entry.Open();
            var (sha, size) = await PackHashing.HashAsync(source, target, ct);
            files.Add(new PackFile(path, sha, size));
        }
        Task AddBytesAsync(string path, byte[] bytes) => AddAsync(path, new MemoryStream(bytes, writable: false));
        Task AddJsonAsync<T>(string path, T value) => AddBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(value, SealedPack.Json));

        await AddJsonAsync(SealedPack.Entries, content.Entries);
        await AddJsonAsync(SealedPack.Checkpoint, content.Checkpoint);
        await AddBytesAsync(SealedPack.PublicKey, System.Text.Encoding.ASCII.GetBytes(publicKeyPem));
        var attachments = new List<PackAttachment>();
        foreach (var (source, index) in content.Attachments.Select((a, i) => (a, i + 1)))
        {
            // Numbered so that two files of one name stay apart; the name was checked at upload (no folder, no control character).
            var path = $"{SealedPack.AttachmentFolder}{index:000}-{Path.GetFileName(source.Attachment.FileName)}";
            await using (var bytes = await source.OpenAsync(ct)) await AddAsync(path, bytes);
            attachments.Add(source.Attachment with { Path = path });
        }
        await AddJsonAsync(SealedPack.AttachmentIndex, attachments);
        foreach (var document in content.Documents) await AddBytesAsync(document.Path, document.Content);

        var head = content.Entries.Count > 0 ? content.Entries[^1].Hash : "";
        var manifest = new PackManifest(SealedPack.Format, content.Subject, content.Reference, content.Title, EvidenceChain.ChainOf(content.Subject),
            content.ExportedAt, content.Language, seal.KeyId, content.Entries.Count, head, files);
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, SealedPack.Json);
        await WriteEntryAsync(zip, SealedPack.Manifest, manifestBytes, content.ExportedAt, ct);
        var signed = SignedCheckpoint.Of(new ChainCheckpoint(SealedPack.SealChainOf(content.Subject), content.Entries.Count,
            Convert.ToHexStringLower(SHA256.HashData(manifestBytes))), content.ExportedAt, seal);
        await WriteEntryAsync(zip, SealedPack.Seal, JsonSerializer.SerializeToUtf8Bytes(signed, SealedPack.Json), content.ExportedAt, ct);
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string path, byte[] bytes, DateTimeOffset at, CancellationToken ct)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        await using var target = entry.Open();
        await target.WriteAsync(bytes, ct);
    }
}
