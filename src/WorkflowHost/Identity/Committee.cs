namespace WorkflowHost.Identity;

/// <summary>
/// An expert committee: a group of users, one of whom chairs it. Its code is a group name like a role's:
/// BPMN <c>candidateGroups</c> may name it and the notification directory resolves it to its members.
/// </summary>
public sealed class Committee
{
    /// <summary>Lower-case letters, digits and dashes (<see cref="CommitteeCodes"/>); never changes.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public long CreatedAt { get; set; }
    public List<CommitteeMember> Members { get; set; } = [];
}
