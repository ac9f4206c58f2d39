namespace WorkflowHost.Security.RateLimiting;

/// <summary>
/// The rate limits (configuration section <c>RateLimits</c>, e.g. <c>RateLimits:SignInPerAccount:PermitLimit</c>;
/// doc/security.md). A request past a limit gets 429 as problem details with <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Requests by callers who are not signed in, per client address (static files excepted).</summary>
    public RateLimitRule Anonymous { get; set; } = RateLimitRule.Of(300, TimeSpan.FromMinutes(1));

    /// <summary>Sign-in attempts (API and sign-in page) per client address, whatever the account.</summary>
    public RateLimitRule SignInPerAddress { get; set; } = RateLimitRule.Of(30, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Sign-in attempts per account from clients it does not recognise (known or unknown address alike, so the answer
    /// tells nothing); a recognised client has a budget of its own, so an attacker cannot use this one up for it. Also
    /// the budget for proving the current password when changing it.
    /// </summary>
    public RateLimitRule SignInPerAccount { get; set; } = RateLimitRule.Of(10, TimeSpan.FromMinutes(15));

    /// <summary>Refresh-token exchanges per client address.</summary>
    public RateLimitRule RefreshPerAddress { get; set; } = RateLimitRule.Of(60, TimeSpan.FromMinutes(1));

    /// <summary>Refresh-token exchanges per account.</summary>
    public RateLimitRule RefreshPerAccount { get; set; } = RateLimitRule.Of(30, TimeSpan.FromMinutes(1));

    /// <summary>Objections lodged on the public notice board (no account) per client address, page and API together.</summary>
    public RateLimitRule PublicObjectionsPerAddress { get; set; } = RateLimitRule.Of(5, TimeSpan.FromHours(1));

    public IEnumerable<(string Name, RateLimitRule Rule)> All =>
    [
        (nameof(PublicObjectionsPerAddress), PublicObjectionsPerAddress),
        (nameof(Anonymous), Anonymous), (nameof(SignInPerAddress), SignInPerAddress), (nameof(SignInPerAccount), SignInPerAccount),
        (nameof(RefreshPerAddress), RefreshPerAddress), (nameof(RefreshPerAccount), RefreshPerAccount),
    ];
}
