namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// A patent in the transferable-resource pool (可转化资源库): its grade and route, who to contact, and what enterprises will
/// browse it by (the main IPC subclass, and the industry class a concordance will fill in). One per patent: a later
/// campaign updates it.
/// </summary>
public sealed class PoolPatent
{
    public Guid PatentId { get; set; }
    public Guid CampaignId { get; set; }
    public string? Tier { get; set; }
    public TransferRoute Route { get; set; }
    public string? Contact { get; set; }
    public string? College { get; set; }
    /// <summary>The main IPC subclass (<c>H01M</c>), the key enterprises' search and the IPC-to-industry matching use.</summary>
    public string? IpcSubclass { get; set; }
    /// <summary>The national-economy industry class (GB/T 4754) once the IPC concordance names one; null until then.</summary>
    public string? Industry { get; set; }
    /// <summary>How it entered: the university's acceptance, or the office acting on the idle rule.</summary>
    public string Via { get; set; } = "";
    public DateTimeOffset PooledAt { get; set; }
    /// <summary>When an enterprise was first matched to it (enterprises and matching come next); null until then.</summary>
    public DateTimeOffset? MatchedAt { get; set; }
}
