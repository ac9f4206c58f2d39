using TechTransfer.Committees;
using AccountCommittees = WorkflowHost.Identity.CommitteeService;

namespace WorkflowHost.Domain;

/// <summary>
/// The domain asks who sits on a committee; the answer comes from the accounts (committees as groups with a chair).
/// Every seat votes, the chair included; a committee without a chair has no roster, so no review can open on it.
/// </summary>
public sealed class AccountsCommitteeDirectory(IServiceScopeFactory scopes) : ICommitteeDirectory
{
    public async Task<CommitteeRoster?> FindAsync(string committeeId, CancellationToken ct = default)
    {
        // The domain's services are singletons; the accounts context is scoped to one unit of work.
        await using var scope = scopes.CreateAsyncScope();
        var committee = await scope.ServiceProvider.GetRequiredService<AccountCommittees>().GetAsync(committeeId, ct);
        var chair = committee?.Members.FirstOrDefault(m => m.IsChair);
        return committee is null || chair is null
            ? null
            : new CommitteeRoster(committee.Code, chair.UserId, committee.Members.Select(m => m.UserId).ToList());
    }
}
