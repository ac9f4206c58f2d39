namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// A stored document in a pack (<c>attachments/index.json</c>): where its bytes are in the ZIP, its SHA-256 (which a signed
/// entry of the chain records: that is what binds the file to the evidence) and what the office knew of it.
/// </summary>
public sealed record PackAttachment(Guid Id, string FileName, string Path, string Sha256, long Size, string ContentType,
    DateTimeOffset AddedAt, string AddedBy);
