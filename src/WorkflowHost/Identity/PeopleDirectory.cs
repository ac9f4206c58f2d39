using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Identity;

/// <summary>
/// A narrow lookup of people for any signed-in user: the holders of one role whose display name contains the search
/// text, as id and display name only (no email, no roles), at most <see cref="MaxResults"/>, accounts locked by an
/// administrator left out. An inventor uses it to name co-inventors on a disclosure; the full user list stays with
/// system administrators (<c>/api/v1/users</c>).
/// </summary>
public sealed class PeopleDirectory(AccountsDbContext db, TimeProvider clock)
{
    public const int MaxResults = 20;

    /// <summary>The roles that may be looked up this way.</summary>
    public static readonly IReadOnlyList<string> SearchableRoles = [Roles.Inventor];

    public sealed record Person(string Id, string DisplayName);

    public async Task<IReadOnlyList<Person>> FindAsync(string role, string? search, CancellationToken ct)
    {
        var normalizedRole = role.Trim().ToUpperInvariant();
        var holders = from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.NormalizedName == normalizedRole
                      select ur.UserId;
        var query = db.Users.AsNoTracking().Where(u => holders.Contains(u.Id) && u.DisplayName != null && u.DisplayName != "");
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim().ToUpper();
            query = query.Where(u => u.DisplayName!.ToUpper().Contains(s));
        }
        // Locked accounts are filtered after reading (the lock is a DateTimeOffset, compared in memory on SQLite).
        var found = await query.OrderBy(u => u.DisplayName).Take(MaxResults * 2).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return found.Where(u => !AccountLocks.IsLockedByAdministrator(u.LockoutEnd, now)).Take(MaxResults)
            .Select(u => new Person(u.Id, u.DisplayName!)).ToList();
    }
}
