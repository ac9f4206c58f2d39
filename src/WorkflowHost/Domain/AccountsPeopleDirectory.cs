using Microsoft.EntityFrameworkCore;
using TechTransfer.Inventions;
using WorkflowHost.Identity;

namespace WorkflowHost.Domain;

/// <summary>The domain asks whether user ids name people; the answer comes from the accounts (a co-inventor must have one).</summary>
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
}
