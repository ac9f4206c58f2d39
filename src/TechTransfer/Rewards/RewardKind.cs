namespace TechTransfer.Rewards;

/// <summary>The two payments to the people who made a result (奖励和报酬, Promotion Law art. 45).</summary>
public enum RewardKind
{
    /// <summary>The reward on grant (奖励): a sum the office decides, at least the minimum for the patent's kind.</summary>
    GrantReward,
    /// <summary>The remuneration from one income (报酬): the inventors' pool of a revenue split.</summary>
    Remuneration,
}
