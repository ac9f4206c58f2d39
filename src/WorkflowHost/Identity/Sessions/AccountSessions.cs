using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Identity.Sessions;

/// <summary>
/// Ends every session of a user at once: a new security stamp stops every cookie and bearer token issued before (they
/// carry the old one and are checked on every request), and every refresh-token family is revoked. Called on sign-out,
/// a password change or reset, an administrator's lock and a role change.
/// </summary>
public sealed class AccountSessions(UserManager<ApplicationUser> users, TokenFamilies families)
{
    public async Task EndAllAsync(ApplicationUser user, string reason, CancellationToken ct)
    {
        var renewed = await users.UpdateSecurityStampAsync(user);
        if (!renewed.Succeeded)
            throw new InvalidOperationException($"The sessions of {user.Id} could not be ended: " + string.Join(" ", renewed.Errors.Select(e => e.Description)));
        await families.RevokeAllAsync(user.Id, reason, ct);
    }
}
