namespace WorkflowHost.Identity;

/// <summary>A user as the account endpoints show them. Digest is "immediate" or "daily".</summary>
public sealed record UserView(
    string Id, string Email, string? DisplayName, string Language, string Digest,
    IReadOnlyList<string> Roles, IReadOnlyList<CommitteeSeat> Committees, bool Locked, DateTimeOffset? LockedUntil);

/// <summary>A committee the user sits on, and whether they chair it.</summary>
public sealed record CommitteeSeat(string Code, bool Chair);
