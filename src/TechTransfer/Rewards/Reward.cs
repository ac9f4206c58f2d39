namespace TechTransfer.Rewards;

/// <summary>
/// A payment to an invention's inventors, from its decision through its publication (公示) to its payment: the reward on
/// grant (due within the configured months of the grant) or the remuneration from one income (due within the configured
/// months of receiving it). The owner of <c>tt_rewards</c> and <c>tt_reward_shares</c> is <see cref="RewardService"/>.
/// </summary>
public sealed class Reward
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    public RewardKind Kind { get; set; }
    public RewardStatus Status { get; set; }
    /// <summary>A reward on grant: the patent's number, kind and grant date, and the least sum for that kind.</summary>
    public string? PatentNumber { get; set; }
    public PatentKind? PatentKind { get; set; }
    public DateOnly? GrantDate { get; set; }
    public decimal Minimum { get; set; }
    /// <summary>A remuneration: the split (and through it the agreement and the income) it pays.</summary>
    public Guid? RevenueSplitId { get; set; }
    public Guid? AgreementId { get; set; }
    /// <summary>The sum to the inventors (null until a reward on grant is decided).</summary>
    public decimal? Total { get; set; }
    /// <summary>The last day to pay (the end of that day in the deadline offset).</summary>
    public DateOnly PaymentDue { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? PublicationEndsAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateOnly? PaidOn { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? PaidBy { get; set; }
    public string? PaymentReference { get; set; }
    /// <summary>The payment proof, a stored attachment of the invention.</summary>
    public Guid? PaymentProofId { get; set; }
    public int Version { get; set; }
    public List<RewardShare> Shares { get; set; } = [];
}
