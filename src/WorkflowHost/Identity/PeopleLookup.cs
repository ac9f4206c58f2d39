using Microsoft.EntityFrameworkCore;

namespace WorkflowHost.Identity;

/// <summary>
/// A narrow lookup of people by name for pickers: id and display name only, at most <see cref="MaxResults"/>, optionally
/// holders of one role; accounts locked by an administrator are left out. Not the administrators' user list: no email,
/// no roles, no paging through everyone. Anyone signed in may find inventors by display name (to name co-inventors on a
/// disclosure); finding anyone else (to delegate or reassign a task) is for those who see the engine's views, and also
/// matches the sign-in name.
/// </summary>
public sealed class PeopleLookup(AccountsDbContext db, TimeProvider clock)
{
    public const int MaxResults = 20;

    public sealed record Person(string Id, string DisplayName);

    /// <summary>Whether this is the search everyone signed in may run: inventors, to name co-inventors.</summary>
    public static bool IsInventorSearch(string? role) => string.Equals(role?.Trim(), Roles.Inventor, StringComparison.OrdinalIgnoreCase);

    /// <summary>The inventor pickers' search (the disclosure's co-inventors, the account linked to one without an
    /// account): inventors by their name only, as a MudAutocomplete's SearchFunc takes it.</summary>
    public async Task<IEnumerable<Person>> FindInventorsAsync(string? text, CancellationToken ct) =>
        await FindAsync(text, Roles.Inventor, ct, matchSignInName: false);

    /// <param name="matchSignInName">Also match the sign-in name (email) and the id: only for callers who see the engine's views.</param>
    public async Task<IReadOnlyList<Person>> FindAsync(string? text, string? role, CancellationToken ct, bool matchSignInName = true)
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
            var trimmed = text.Trim();
            // Translated to SQL upper(): the database compares, so no culture or StringComparison applies here.
#pragma warning disable CA1304, CA1311, CA1862
            users = matchSignInName
                ? users.Where(u => (u.DisplayName != null && u.DisplayName.ToUpper().Contains(upper)) ||
                                   (u.NormalizedUserName != null && u.NormalizedUserName.Contains(upper)) || u.Id == trimmed)
                : users.Where(u => u.DisplayName != null && u.DisplayName.ToUpper().Contains(upper));
#pragma warning restore CA1304, CA1311, CA1862
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
