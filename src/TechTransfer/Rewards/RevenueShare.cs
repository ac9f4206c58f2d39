namespace TechTransfer.Rewards;

/// <summary>One inventor's amount, to the fen.</summary>
public sealed class RevenueShare
{
    public Guid SplitId { get; set; }
    public string UserId { get; set; } = "";
    public decimal ContributionShare { get; set; }
    public decimal Amount { get; set; }
}
