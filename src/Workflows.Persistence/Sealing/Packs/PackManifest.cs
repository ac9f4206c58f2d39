namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// The table of contents of a pack (<c>manifest.json</c>): whose evidence it is, when and in which language it was
/// exported, by which key, the chain's length and head at export, and every other file with its SHA-256 and size. The
/// record seal signs the manifest's own SHA-256 at export (<c>seal.json</c>), so no file can be changed, added or
/// removed afterwards without the key.
/// </summary>
public sealed record PackManifest(string Format, Guid Subject, string Reference, string Title, string Chain, DateTimeOffset ExportedAt,
    string Language, string KeyId, int Entries, string Head, IReadOnlyList<PackFile> Files);

/// <summary>A file of the pack and its SHA-256 (lower-case hex) and length.</summary>
public sealed record PackFile(string Path, string Sha256, long Size);
