namespace WorkflowHost.Identity.Sessions;

/// <summary>How long sign-ins last (configuration section <c>Sessions</c>; doc/security.md).</summary>
public sealed class AccountSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A bearer sign-in's absolute lifetime: refreshing never extends a token family past it (default 30 days).</summary>
    public TimeSpan TokenFamilyLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long a browser or API client that signed in stays recognised for that account (the <c>workflowhost.device</c>
    /// cookie, default 180 days). A recognised client is not held by the lockout that an attacker's failures cause.
    /// </summary>
    public TimeSpan RecognisedClientLifetime { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How often an open page (a Blazor circuit) checks that its sign-in still holds (default 30 seconds).</summary>
    public TimeSpan CircuitRevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
