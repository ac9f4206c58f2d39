using Microsoft.EntityFrameworkCore;
using TechTransfer.Inventions;
using WorkflowHost.Identity;

namespace WorkflowHost.Domain;

/// <summary>The domain asks whether user ids name people, and who they are; the answer comes from the accounts (a co-inventor must have one).</summary>
public sealed class AccountsPeopleDirectory(IServiceScopeFactory scopes) : IPeopleDirectory
{
    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default)
    {
        if (userIds.Count == 0) return [];
        // The domain's services are singletons; the accounts context is scoped to one unit of work.
        await using var scope = scopes.CreateAsyncScope();
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        var known = await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users
            .Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        return ids.Except(known, StringComparer.Ordinal).ToList();
    }

    public async Task<PersonSnapshot?> DescribeAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.DisplayName, u.UserName }).FirstOrDefaultAsync(ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId orderby r.Name select r.Name)
            .ToListAsync(ct);
        return new PersonSnapshot(user.Id, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName,
            roles.Where(r => r is not null).Select(r => r!).ToList());
    }

    public async Task<IReadOnlyDictionary<string, string>> FindByNamesAsync(IReadOnlyCollection<string> names, CancellationToken ct = default)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Count == 0) return found;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<AccountsDbContext>().Users.AsNoTracking();
        foreach (var chunk in names.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var people = await users.Where(u => u.DisplayName != null && chunk.Contains(u.DisplayName)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
            foreach (var name in people.GroupBy(p => p.DisplayName!).Where(g => g.Count() == 1)) found[name.Key] = name.Single().Id;
        }
        return found;
    }

    public async Task<bool> GroupHasMembersAsync(string group, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().CommitteeMembers.AnyAsync(m => m.CommitteeCode == group, ct);
    }
}
