using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Identity;

namespace WorkflowHost.Security;

/// <summary>
/// Reads a signed-in user's roles and committees from the database on every request, so that a change by an
/// administrator (roles, committee seats, a lock, a deleted user) counts at once rather than when a bearer token
/// or cookie is renewed. Used by <see cref="BearerOrCookieHandler"/>; only principals issued by Identity
/// (cookie or bearer token) are touched, others pass as they are.
/// </summary>
public sealed class CurrentAccountClaims(AccountsDbContext db, TimeProvider clock)
{
    /// <summary>The principal with the user's current roles and committees, or null when the user is gone or locked by an administrator.</summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.AuthenticationType != IdentityConstants.ApplicationScheme
            || identity.HasClaim(c => c.Type == AccountClaims.Current))
            return principal;
        var userId = identity.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var user = userId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.LockoutEnd }).FirstOrDefaultAsync();
        if (user is null || AccountLocks.IsLockedByAdministrator(user.LockoutEnd, clock.GetUtcNow()))
            return null;

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name).ToListAsync();
        var seats = await db.CommitteeMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.CommitteeCode, m.IsChair }).ToListAsync();

        var current = new ClaimsIdentity(
            identity.Claims.Where(c => c.Type != identity.RoleClaimType && c.Type != AccountClaims.Committee && c.Type != AccountClaims.CommitteeChair),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        foreach (var role in roles.OfType<string>()) current.AddClaim(new Claim(identity.RoleClaimType, role));
        foreach (var seat in seats)
        {
            current.AddClaim(new Claim(AccountClaims.Committee, seat.CommitteeCode));
            if (seat.IsChair) current.AddClaim(new Claim(AccountClaims.CommitteeChair, seat.CommitteeCode));
        }
        current.AddClaim(new Claim(AccountClaims.Current, "1"));
        return new ClaimsPrincipal(current);
    }
}
