using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Identity;

/// <summary>
/// Identity's user manager with its lockout on the host's clock (<see cref="TimeProvider"/>): Identity reads the wall
/// clock for when a lockout starts and whether it still holds, while the rest of the host (bearer tokens, cookies,
/// every deadline) reads the host's. One clock, so a lockout ends when the host's time passes it.
/// </summary>
public sealed class HostClockUserManager(IUserStore<ApplicationUser> store, IOptions<IdentityOptions> options, IPasswordHasher<ApplicationUser> hasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators, IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<ApplicationUser>> logger, TimeProvider clock)
    : UserManager<ApplicationUser>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    public override async Task<bool> IsLockedOutAsync(ApplicationUser user) =>
        await GetLockoutEnabledAsync(user) && await GetLockoutEndDateAsync(user) is { } end && end >= clock.GetUtcNow();

    /// <summary>Counts a failed sign-in; the one that reaches the limit locks the account for the lockout time from now.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(ApplicationUser user)
    {
        ThrowIfDisposed();
        var lockouts = (IUserLockoutStore<ApplicationUser>)Store;
        if (await lockouts.IncrementAccessFailedCountAsync(user, CancellationToken) >= Options.Lockout.MaxFailedAccessAttempts)
        {
            await lockouts.SetLockoutEndDateAsync(user, clock.GetUtcNow() + Options.Lockout.DefaultLockoutTimeSpan, CancellationToken);
            await lockouts.ResetAccessFailedCountAsync(user, CancellationToken);
        }
        return await UpdateUserAsync(user);
    }
}
