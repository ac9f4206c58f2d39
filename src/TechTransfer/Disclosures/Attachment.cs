namespace TechTransfer.Disclosures;

/// <summary>A file attached to a disclosure, stored under a generated name outside the web root.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    /// <summary>The uploader's file name, for display and download only (never used as a path).</summary>
    public string FileName { get; set; } = "";
    /// <summary>The generated name under the attachments folder.</summary>
    public string StoredName { get; set; } = "";
    public long Size { get; set; }
    /// <summary>What the uploader said it is (kept for the record, never trusted).</summary>
    public string? DeclaredType { get; set; }
    /// <summary>What the bytes are: the type it is served as.</summary>
    public string DetectedType { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>Which document of the evidence pack it is (null: a file of the disclosure).</summary>
    public DocumentKind? Document { get; set; }
}
