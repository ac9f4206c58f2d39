using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Identity.Sessions;

/// <summary>
/// Ends every session of a user at once: a new security stamp stops every cookie and bearer token issued before (they
/// carry the old one and are checked on every request), every refresh-token family is revoked, and every open page of
/// the user on this host is signed out (<see cref="OpenCircuits"/>; the page that asked leads on by itself). Called on
/// sign-out, a password change or reset, an administrator's lock and a role change.
/// </summary>
public sealed class AccountSessions(UserManager<ApplicationUser> users, TokenFamilies families, OpenCircuits circuits, IServiceProvider services)
{
    public async Task EndAllAsync(ApplicationUser user, string reason, CancellationToken ct)
    {
        var renewed = await users.UpdateSecurityStampAsync(user);
        if (!renewed.Succeeded)
            throw new InvalidOperationException($"The sessions of {user.Id} could not be ended: " + string.Join(" ", renewed.Errors.Select(e => e.Description)));
        await families.RevokeAllAsync(user.Id, reason, ct);
        // In a page's scope this is that page's own circuit; in a request's scope no circuit is listed under it.
        circuits.EndAllOf(user.Id, except: services.GetService<AuthenticationStateProvider>() as SessionRevalidation);
    }
}
