namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// A campaign's figures for one college (null: the institution's total): patents inventoried, graded, reviewed (both
/// levels done: pooled or refused), pooled, matched to an enterprise, and converted (transferred or licensed since it opened).
/// </summary>
public sealed record CampaignProgress(string? College, int Inventoried, int Graded, int Reviewed, int Pooled, int Refused, int Matched, int Converted, int IdleFunded);
