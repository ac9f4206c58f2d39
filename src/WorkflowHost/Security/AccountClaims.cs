namespace WorkflowHost.Security;

/// <summary>Claim types of ours, added to a signed-in user's principal on each request.</summary>
public static class AccountClaims
{
    /// <summary>A committee the user sits on (value: its code).</summary>
    public const string Committee = "wf:committee";
    /// <summary>A committee the user chairs (value: its code).</summary>
    public const string CommitteeChair = "wf:committee-chair";
    /// <summary>Marks a principal whose roles and committees were read from the database in this request.</summary>
    public const string Current = "wf:current";
}
