namespace WorkflowHost.Identity.SignIn;

/// <summary>
/// What a sign-in attempt came to. A wrong password, an unknown account, a lockout and an administrator's lock are all
/// <see cref="Failed"/>: the answer must not tell an attacker which accounts exist or which are locked.
/// </summary>
public sealed record SignInOutcome(SignInOutcome.Kind Result, ApplicationUser? User = null, TimeSpan? RetryAfter = null)
{
    public enum Kind { Succeeded, Failed, Throttled }

    public static readonly SignInOutcome Failed = new(Kind.Failed);

    public static SignInOutcome Succeeded(ApplicationUser user) => new(Kind.Succeeded, user);

    public static SignInOutcome Throttled(TimeSpan retryAfter) => new(Kind.Throttled, RetryAfter: retryAfter);
}
