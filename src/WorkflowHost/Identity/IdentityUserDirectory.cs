using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkflowHost.Notifications;

namespace WorkflowHost.Identity;

/// <summary>
/// The notification directory over Identity: a user's email, language and digest choice from <c>users</c>;
/// a group's members are the holders of a role of that name, the members of a committee of that code, or,
/// for <c>chair:CODE</c>, that committee's chair. Users locked by an administrator are left out of groups.
/// </summary>
public sealed class IdentityUserDirectory(IServiceScopeFactory scopes, TimeProvider clock) : IUserDirectory
{
    /// <summary>By user id, or by email for assignees written as an address.</summary>
    public async Task<UserContact?> FindAsync(string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null && userId.Contains('@'))
        {
            var normalized = userId.Trim().ToUpperInvariant();
            user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        }
        return user is null ? null : Contact(user);
    }

    public async Task<IReadOnlyList<UserContact>> MembersOfAsync(string group, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var name = group.Trim().ToLowerInvariant();
        List<ApplicationUser> found;
        if (name.StartsWith(GroupNames.ChairPrefix, StringComparison.Ordinal))
        {
            var code = name[GroupNames.ChairPrefix.Length..];
            found = await db.CommitteeMembers.AsNoTracking().Where(m => m.CommitteeCode == code && m.IsChair).Select(m => m.User!).ToListAsync(ct);
        }
        else
        {
            var normalizedRole = name.ToUpperInvariant();
            var byRole = from ur in db.UserRoles
                         join r in db.Roles on ur.RoleId equals r.Id
                         where r.NormalizedName == normalizedRole
                         select ur.UserId;
            var byCommittee = db.CommitteeMembers.Where(m => m.CommitteeCode == name).Select(m => m.UserId);
            found = await db.Users.AsNoTracking().Where(u => byRole.Contains(u.Id) || byCommittee.Contains(u.Id)).ToListAsync(ct);
        }
        var now = clock.GetUtcNow();
        return found.Where(u => !AccountLocks.IsLockedByAdministrator(u.LockoutEnd, now)).OrderBy(u => u.Id, StringComparer.Ordinal).Select(Contact).ToList();
    }

    /// <summary>
    /// Creates or updates a user without a password (they cannot sign in until an administrator sets one) and
    /// puts them in exactly these groups: role names become roles, anything else a committee (created when missing).
    /// For tools and tests; people are normally created through the users API.
    /// </summary>
    public async Task SaveAsync(UserContact contact, IEnumerable<string> groups, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var user = await users.FindByIdAsync(contact.UserId);
        var isNew = user is null;
        user ??= new ApplicationUser { Id = contact.UserId };
        user.UserName = contact.Email;
        user.Email = contact.Email;
        user.DisplayName = contact.DisplayName;
        user.Language = Languages.Normalize(contact.Language) ?? Languages.Chinese;
        user.Digest = contact.Digest ? DigestChoice.Daily : DigestChoice.Immediate;
        Check(isNew ? await users.CreateAsync(user) : await users.UpdateAsync(user));

        var wanted = groups.Select(g => g.Trim().ToLowerInvariant()).Distinct().ToList();
        var roles = wanted.Where(Roles.All.Contains).ToList();
        var current = await users.GetRolesAsync(user);
        Check(await users.RemoveFromRolesAsync(user, current.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(current)));
        if (!isNew && !current.Order().SequenceEqual(roles.Order(), StringComparer.Ordinal))
            await scope.ServiceProvider.GetRequiredService<Sessions.AccountSessions>().EndAllAsync(user, Sessions.SessionEndReasons.RolesChanged, ct);

        var committees = wanted.Except(roles).ToList();
        db.CommitteeMembers.RemoveRange(await db.CommitteeMembers.Where(m => m.UserId == user.Id && !committees.Contains(m.CommitteeCode)).ToListAsync(ct));
        foreach (var code in committees)
        {
            if (await db.Committees.FindAsync([code], ct) is null)
                db.Committees.Add(new Committee { Code = code, Name = code, CreatedAt = clock.GetUtcNow().UtcTicks });
            if (await db.CommitteeMembers.FindAsync([code, user.Id], ct) is null)
                db.CommitteeMembers.Add(new CommitteeMember { CommitteeCode = code, UserId = user.Id });
        }
        await db.SaveChangesAsync(ct);
    }

    private static UserContact Contact(ApplicationUser u) =>
        new(u.Id, u.DisplayName, u.Email ?? u.UserName ?? u.Id, u.Language, u.Digest == DigestChoice.Daily);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
