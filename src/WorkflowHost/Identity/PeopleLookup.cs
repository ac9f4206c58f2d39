using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Identity;

/// <summary>
/// A narrow lookup of people by name for pickers (delegate or reassign a task): id and display name only, at most
/// <see cref="MaxResults"/>, optionally holders of one role; accounts locked by an administrator are left out.
/// Not the administrators' user list: no email, no roles, no paging through everyone.
/// </summary>
public sealed class PeopleLookup(AccountsDbContext db, TimeProvider clock)
{
    public const int MaxResults = 20;

    public sealed record Person(string Id, string DisplayName);

    public async Task<IReadOnlyList<Person>> FindAsync(string? text, string? role, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(role))
        {
            var normalizedRole = role.Trim().ToUpperInvariant();
            var holders = from ur in db.UserRoles
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.NormalizedName == normalizedRole
                          select ur.UserId;
            users = users.Where(u => holders.Contains(u.Id));
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            var upper = text.Trim().ToUpperInvariant();
            users = users.Where(u => (u.DisplayName != null && u.DisplayName.ToUpper().Contains(upper)) ||
                                     (u.NormalizedUserName != null && u.NormalizedUserName.Contains(upper)) || u.Id == text.Trim());
        }
        // A few more than shown, so that locked accounts filtered out below do not shorten the list much.
        var found = await users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(MaxResults * 2)
            .Select(u => new { u.Id, u.DisplayName, u.UserName, u.LockoutEnd }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return found.Where(u => !AccountLocks.IsLockedByAdministrator(u.LockoutEnd, now))
            .Select(u => new Person(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? u.Id : u.DisplayName))
            .Take(MaxResults).ToList();
    }
}
