namespace TechTransfer.Portfolio.Campaigns;

/// <summary>What an administrator opens a campaign with: its title, scope (a college or all; converted patents too or not) and deadlines.</summary>
public sealed record CampaignScope(string? Title, string? College, bool IncludeConverted, DateOnly GradingDeadline, DateOnly ReviewDeadline);
