using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Security.RateLimiting;
using static WorkflowHost.Security.RateLimiting.AccountRateLimits;

namespace WorkflowHost.Identity.SignIn;

/// <summary>
/// Checks an email and password, for the sign-in API and the sign-in page alike (doc/security.md, "Sign-in"):
/// <list type="number">
/// <item>rate limits per client address and per account (a client the account recognises has a budget of its own);</item>
/// <item>exactly one password hash per attempt, against a dummy hash when the account is unknown or has no password,
/// so an unknown account costs what a known one does;</item>
/// <item>one answer, <see cref="SignInOutcome.Failed"/>, for a wrong password, an unknown account, a lockout and an
/// administrator's lock;</item>
/// <item>a lockout after <c>Identity:Lockout:MaxFailedAccessAttempts</c> failures from clients the account does not
/// recognise, for <c>Identity:Lockout:DefaultLockoutTimeSpan</c>, on the host's clock. Clients it recognises
/// (<see cref="RecognisedClients"/>) pass the lockout with the right password, so an attacker cannot lock its owner out.</item>
/// </list>
/// The caller then signs the user in (cookie or bearer token) and remembers the client.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IPasswordHasher<ApplicationUser> hasher,
    AccountsDbContext db, AccountRateLimits limits, RecognisedClients clients, IOptions<IdentityOptions> identity,
    TimeProvider clock, ILogger<PasswordSignIn> logger)
{
    /// <summary>Longer passwords are refused when set (<see cref="Passwords.PasswordPolicyValidator.MaxLength"/>), so none can match.</summary>
    private const int MaxPasswordLength = Passwords.PasswordPolicyValidator.MaxLength;

    private static string? s_dummyHash;

    public async Task<SignInOutcome> CheckAsync(HttpContext http, string? email, string? password, CancellationToken ct)
    {
        if (limits.TryAcquire(Limit.SignInPerAddress, ClientAddress.Of(http)) is { } perAddress)
            return Throttled(perAddress, "address " + ClientAddress.Of(http));
        var account = users.NormalizeEmail(email?.Trim()) ?? "";
        var user = account.Length == 0 ? null : await users.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == account, ct);
        var client = user is null ? null : clients.Recognise(http, user.Id);
        if (limits.TryAcquire(Limit.SignInPerAccount, client is null ? "account:" + account : "client:" + client) is { } perAccount)
            return Throttled(perAccount, client is null ? "account " + account : "a recognised client of " + account);

        password ??= "";
        var matches = password.Length <= MaxPasswordLength && await VerifyAsync(user, password);
        if (user is null) return SignInOutcome.Failed;
        var now = clock.GetUtcNow();
        if (AccountLocks.IsLockedByAdministrator(user.LockoutEnd, now)) return SignInOutcome.Failed;
        var lockedOut = user.LockoutEnd > now;
        if (!matches)
        {
            if (client is null && !lockedOut) await CountFailureAsync(user, now, ct);
            return SignInOutcome.Failed;
        }
        if (lockedOut && client is null) return SignInOutcome.Failed;
        if (!await signIn.CanSignInAsync(user)) return SignInOutcome.Failed;
        await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount > 0).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0), ct);
        return SignInOutcome.Succeeded(user);
    }

    /// <summary>One password hash, whoever asks: the user's, or a dummy one for an unknown account or one without a password.</summary>
    private async Task<bool> VerifyAsync(ApplicationUser? user, string password)
    {
        if (user?.PasswordHash is not null) return await users.CheckPasswordAsync(user, password);
        var dummy = s_dummyHash ??= hasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(user ?? new ApplicationUser(), dummy, password);
        return false;
    }

    /// <summary>Counts a failure in the database (atomically: parallel attempts all count) and locks at the limit.</summary>
    private async Task CountFailureAsync(ApplicationUser user, DateTimeOffset now, CancellationToken ct)
    {
        if (!user.LockoutEnabled) return;
        var lockout = identity.Value.Lockout;
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1), ct);
        var until = now.Add(lockout.DefaultLockoutTimeSpan);
        var locked = await db.Users.Where(u => u.Id == user.Id && u.AccessFailedCount >= lockout.MaxFailedAccessAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until).SetProperty(u => u.AccessFailedCount, 0), ct);
        if (locked > 0)
            logger.LogWarning("Sign-in for user {UserId} locked for clients it does not recognise until {Until} after {Failures} failed attempts",
                user.Id, until, lockout.MaxFailedAccessAttempts);
    }

    private SignInOutcome Throttled(TimeSpan retryAfter, string partition)
    {
        logger.LogWarning("Sign-in attempts past the rate limit for {Partition}; refused for {Seconds} s", partition, TooManyRequests.Seconds(retryAfter));
        return SignInOutcome.Throttled(retryAfter);
    }
}
