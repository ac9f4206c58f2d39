namespace TechTransfer.Committees;

/// <summary>A member's vote with its reason. Hidden from everyone but its author until the chair closes the review.</summary>
public sealed class Vote
{
    public Guid ReviewId { get; set; }
    public string MemberId { get; set; } = "";
    public VoteChoice Choice { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CastAt { get; set; }
}
