namespace WorkflowHost.Security;

/// <summary>Claim types of ours: on a signed-in user's principal each request, and in bearer tokens.</summary>
public static class AccountClaims
{
    /// <summary>A committee the user sits on (value: its code).</summary>
    public const string Committee = "wf:committee";
    /// <summary>A committee the user chairs (value: its code).</summary>
    public const string CommitteeChair = "wf:committee-chair";
    /// <summary>Marks a principal whose roles and committees were read from the database in this request.</summary>
    public const string Current = "wf:current";
    /// <summary>The user must choose a new password before anything else (<see cref="PasswordChangeGate"/>).</summary>
    public const string MustChangePassword = "wf:must-change-password";
    /// <summary>In bearer tokens: the refresh-token family they belong to (a GUID).</summary>
    public const string TokenFamily = "wf:token-family";
    /// <summary>In bearer tokens: the family's generation they were issued in.</summary>
    public const string TokenGeneration = "wf:token-generation";
}
