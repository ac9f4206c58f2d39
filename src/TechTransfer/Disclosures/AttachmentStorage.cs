namespace TechTransfer.Disclosures;

/// <summary>Where attachment files live: a folder under the host's data folder, never under the web root.</summary>
public sealed record AttachmentStorage(string Root)
{
    public string PathOf(Attachment attachment) => Path.Combine(Root, attachment.InventionId.ToString("N"), attachment.StoredName);
}
