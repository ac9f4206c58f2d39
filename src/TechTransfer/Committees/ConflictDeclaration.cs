namespace TechTransfer.Committees;

/// <summary>A related-party tie a member declared; the member is recused from the review and does not vote.</summary>
public sealed class ConflictDeclaration
{
    public Guid ReviewId { get; set; }
    public string MemberId { get; set; } = "";
    public string Statement { get; set; } = "";
    public DateTimeOffset DeclaredAt { get; set; }
}
