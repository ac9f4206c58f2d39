namespace TechTransfer.Committees;

/// <summary>One round of a committee's review of a transfer: its members (a snapshot), votes, recusals and minutes.</summary>
public sealed class CommitteeReview
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    public string CommitteeId { get; set; } = "";
    public string ChairId { get; set; } = "";
    /// <summary>The members when the review opened, as a JSON array of user ids.</summary>
    public string Members { get; set; } = "[]";
    /// <summary>What the committee is asked to approve (the transfer and its pricing method), as text.</summary>
    public string? Subject { get; set; }
    public int Quorum { get; set; }
    public ReviewStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset VotingEndsAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public ReviewOutcome? Outcome { get; set; }
    public int Approvals { get; set; }
    public int Rejections { get; set; }
    public int Abstentions { get; set; }
    public string? Minutes { get; set; }
    /// <summary>Who attended the meeting, as a JSON array of user ids.</summary>
    public string? Attendance { get; set; }
    public int Version { get; set; }
}
