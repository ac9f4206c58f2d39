namespace TechTransfer.Rewards;

/// <summary>What the technology-transfer staff's share is a share of.</summary>
public enum StaffShareBase
{
    /// <summary>Of net income, beside the inventors' share (the institution keeps the rest).</summary>
    NetIncome,
    /// <summary>Of the reward total, out of the inventors' pool (Zhejiang 2021, seed 003: at least 5% of the reward total).</summary>
    RewardTotal,
}
