namespace Workflows.Persistence.Sealing.Packs;

/// <summary>
/// What goes into a pack: the chain (entries exactly as signed, its furthest signed checkpoint), the stored documents
/// with their bytes, and readable documents made for this export (the PDF report).
/// </summary>
public sealed record PackContent(Guid Subject, string Reference, string Title, string Language, DateTimeOffset ExportedAt,
    IReadOnlyList<PackEntry> Entries, SignedCheckpoint? Checkpoint, IReadOnlyList<PackAttachmentSource> Attachments,
    IReadOnlyList<PackDocument> Documents);

/// <summary>A stored document to include: its description (its <see cref="PackAttachment.Path"/> is chosen by the writer) and how to read its bytes.</summary>
public sealed record PackAttachmentSource(PackAttachment Attachment, Func<CancellationToken, Task<Stream>> OpenAsync);

/// <summary>A file made for the export (the readable report).</summary>
public sealed record PackDocument(string Path, byte[] Content);
