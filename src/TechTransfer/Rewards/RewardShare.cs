namespace TechTransfer.Rewards;

/// <summary>One inventor's amount of a reward, to the fen, by their contribution share.</summary>
public sealed class RewardShare
{
    public Guid RewardId { get; set; }
    public string UserId { get; set; } = "";
    public decimal ContributionShare { get; set; }
    public decimal Amount { get; set; }
}
