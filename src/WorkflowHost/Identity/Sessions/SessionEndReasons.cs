namespace WorkflowHost.Identity.Sessions;

/// <summary>Why a user's sessions ended, as stored with a revoked token family.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string PasswordChanged = "password-changed";
    public const string PasswordReset = "password-reset";
    public const string Locked = "locked";
    public const string RolesChanged = "roles-changed";
    /// <summary>A refresh token of an earlier generation came back: it was copied, so the whole family ends.</summary>
    public const string RefreshTokenReused = "refresh-token-reused";
}
