namespace TechTransfer.Portfolio.Campaigns;

/// <summary>A patent's self-grading (价值分级自评): a score 1 to 5 per configured criterion, the intended route, a contact, and optionally why it is not implemented.</summary>
public sealed record CampaignGrade(IReadOnlyDictionary<string, int> Scores, TransferRoute Route, string? Contact, string? NotImplementedReason, string? Note);
