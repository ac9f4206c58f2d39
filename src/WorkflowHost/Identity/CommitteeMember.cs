namespace WorkflowHost.Identity;

/// <summary>A user's seat on a committee; at most one member of a committee is its chair.</summary>
public sealed class CommitteeMember
{
    public required string CommitteeCode { get; set; }
    public required string UserId { get; set; }
    public bool IsChair { get; set; }
    public Committee? Committee { get; set; }
    public ApplicationUser? User { get; set; }
}
