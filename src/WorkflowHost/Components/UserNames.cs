using WorkflowHost.Identity;

namespace WorkflowHost.Components;

/// <summary>User ids as people read them (display name or email), remembered for the life of a page's circuit.</summary>
public sealed class UserNames(UserAccountService accounts)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task<string?> NameOfAsync(string? userId)
    {
        if (userId is null) return null;
        if (_names.TryGetValue(userId, out var known)) return known;
        var view = await accounts.GetAsync(userId, CancellationToken.None);
        return _names[userId] = view?.DisplayName ?? view?.Email ?? userId;
    }
}
