namespace TechTransfer.Evidence;

/// <summary>
/// One line of an invention's evidence pack: who decided what and when. Append-only; each entry's hash covers the
/// previous entry's hash, so changing or deleting any entry breaks the chain from there on; its signature (the record
/// seal's, over the chain's head at this entry) means the chain cannot be rewritten and re-hashed without the key.
/// </summary>
public sealed class EvidenceEntry
{
    public Guid InventionId { get; set; }
    public int Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    /// <summary>The facts of the decision as JSON, written once.</summary>
    public string Payload { get; set; } = "{}";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    /// <summary>The record seal's signature of <see cref="EvidenceLog.CheckpointOf"/> this entry (base64).</summary>
    public string Signature { get; set; } = "";
}
