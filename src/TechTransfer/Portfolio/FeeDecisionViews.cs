namespace TechTransfer.Portfolio;

/// <summary>The views a keep-or-abandon decision was taken with: the inventors' and the college's as the office recorded it.</summary>
public sealed record FeeDecisionViews(string? InventorOpinion, string? InventorReason, string? CollegeOpinion, string? CollegeReason);
