using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkflowHost.Identity;
using WorkflowHost.Identity.Sessions;

namespace WorkflowHost.Security;

/// <summary>
/// Checks a signed-in user's session and reads their roles and committees from the database on every request, so that
/// what ends a session (sign-out, a password change or reset, a lock, a role change: each renews the user's security
/// stamp) and what an administrator changes count at once, for cookies and bearer tokens issued before. Used by
/// <see cref="BearerOrCookieHandler"/> and the UI's circuit revalidation; only principals issued by Identity are
/// touched, others pass as they are.
/// </summary>
public sealed class CurrentAccountClaims(AccountsDbContext db, TimeProvider clock, IOptions<IdentityOptions> identity, TokenFamilies families)
{
    /// <summary>
    /// The principal with the user's current roles and committees, or null when its session no longer holds: the user
    /// is gone or locked by an administrator, the security stamp it carries is not the user's, or (for a bearer token)
    /// its token family was revoked or has ended.
    /// </summary>
    public async Task<ClaimsPrincipal?> RefreshAsync(ClaimsPrincipal principal, bool bearer, CancellationToken ct = default)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } claims
            || claims.AuthenticationType != IdentityConstants.ApplicationScheme
            || claims.HasClaim(c => c.Type == AccountClaims.Current))
            return principal;
        var userId = claims.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var user = userId is null ? null : await SessionUserAsync(claims, userId, bearer, ct);
        if (user is null) return null;

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name).ToListAsync(ct);
        var seats = await db.CommitteeMembers.AsNoTracking().Where(m => m.UserId == userId)
            .Select(m => new { m.CommitteeCode, m.IsChair }).ToListAsync(ct);

        string[] refreshed = [claims.RoleClaimType, AccountClaims.Committee, AccountClaims.CommitteeChair, AccountClaims.MustChangePassword];
        var current = new ClaimsIdentity(claims.Claims.Where(c => !refreshed.Contains(c.Type)),
            claims.AuthenticationType, claims.NameClaimType, claims.RoleClaimType);
        foreach (var role in roles.OfType<string>()) current.AddClaim(new Claim(claims.RoleClaimType, role));
        foreach (var seat in seats)
        {
            current.AddClaim(new Claim(AccountClaims.Committee, seat.CommitteeCode));
            if (seat.IsChair) current.AddClaim(new Claim(AccountClaims.CommitteeChair, seat.CommitteeCode));
        }
        if (user.MustChangePassword) current.AddClaim(new Claim(AccountClaims.MustChangePassword, "1"));
        current.AddClaim(new Claim(AccountClaims.Current, "1"));
        return new ClaimsPrincipal(current);
    }

    /// <summary>Whether the session of a principal checked before (an open page's) still holds; others hold as they are.</summary>
    public async Task<bool> HoldsAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } claims || claims.AuthenticationType != IdentityConstants.ApplicationScheme)
            return true;
        var userId = claims.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return userId is not null && await SessionUserAsync(claims, userId, claims.HasClaim(c => c.Type == AccountClaims.TokenFamily), ct) is not null;
    }

    private sealed record SessionUser(bool MustChangePassword);

    /// <summary>The user when the session holds: present, not locked by an administrator, same stamp, live token family.</summary>
    private async Task<SessionUser?> SessionUserAsync(ClaimsIdentity claims, string userId, bool bearer, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.LockoutEnd, u.SecurityStamp, u.MustChangePassword }).FirstOrDefaultAsync(ct);
        if (user is null || AccountLocks.IsLockedByAdministrator(user.LockoutEnd, clock.GetUtcNow()))
            return null;
        var stamp = claims.FindFirst(identity.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (stamp is null || !string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal))
            return null;
        if (bearer && !(Guid.TryParse(claims.FindFirst(AccountClaims.TokenFamily)?.Value, out var family)
                        && await families.IsActiveAsync(family, userId, ct)))
            return null;
        return new SessionUser(user.MustChangePassword);
    }
}
