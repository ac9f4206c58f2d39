namespace TechTransfer.Committees;

/// <summary>
/// The chair's record that a member is absent from a review (does not vote in it): the member's ballot is no longer awaited,
/// so the chair can close before the deadline. An absent member is not recused and casts no vote; the quorum counts votes
/// cast, as before.
/// </summary>
public sealed class CommitteeAbsence
{
    public Guid ReviewId { get; set; }
    public string MemberId { get; set; } = "";
    /// <summary>The chair who recorded it.</summary>
    public string RecordedBy { get; set; } = "";
    public string? Note { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
