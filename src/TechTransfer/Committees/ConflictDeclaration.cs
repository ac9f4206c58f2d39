namespace TechTransfer.Committees;

/// <summary>A member's recusal from a review: a tie they declared, or one the review found when it opened (an inventor on the
/// case, a related person of the counterparty). A recused member does not vote.</summary>
public sealed class ConflictDeclaration
{
    public Guid ReviewId { get; set; }
    public string MemberId { get; set; } = "";
    public string Statement { get; set; } = "";
    public DateTimeOffset DeclaredAt { get; set; }
    public RecusalReason Reason { get; set; }
}
