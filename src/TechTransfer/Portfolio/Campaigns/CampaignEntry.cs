namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// One patent in one campaign: its grading (scores by criterion, weighted score, tier, intended route, contact), the
/// college's and the university's reviews with their reasons, and the idle rule's flag and what was done about it.
/// </summary>
public sealed class CampaignEntry
{
    public Guid CampaignId { get; set; }
    public Guid PatentId { get; set; }
    /// <summary>The patent's college when the campaign opened (reviewers see their college's entries).</summary>
    public string? College { get; set; }
    public CampaignEntryStatus Status { get; set; }
    /// <summary>Transfers plus licences when the campaign opened: more later means it was converted.</summary>
    public int ConversionsAtOpen { get; set; }
    /// <summary>The scores by criterion key, as JSON.</summary>
    public string? Scores { get; set; }
    public decimal? Score { get; set; }
    public string? Tier { get; set; }
    public TransferRoute? Route { get; set; }
    public string? Contact { get; set; }
    public string? GradeNote { get; set; }
    public string? GradedBy { get; set; }
    public DateTimeOffset? GradedAt { get; set; }
    public ReviewDecision? CollegeDecision { get; set; }
    public string? CollegeReason { get; set; }
    public ReviewDecision? UniversityDecision { get; set; }
    public string? UniversityReason { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>The seeds' rule: fiscally funded, granted more than the configured years ago, not implemented, no reason stated.</summary>
    public bool IdleFunded { get; set; }
    /// <summary>Why it is not implemented, as the inventors or the office stated it (it lifts the flag).</summary>
    public string? NotImplementedReason { get; set; }
    public IdleFundedAction? IdleAction { get; set; }
    public int Version { get; set; }
}
