using System.Collections.Concurrent;

namespace WorkflowHost.Security;

/// <summary>
/// The open pages (Blazor circuits) of this host by user, so that ending a user's sessions (<see cref="Identity.Sessions.AccountSessions"/>:
/// sign-out in one tab, a password change, a lock, a role change) ends every open page of theirs at once, not at its next
/// periodic check: the other tabs go to the sign-in page straight away. Pages on other hosts of a cluster still notice
/// at their next check (<see cref="Identity.Sessions.AccountSessionOptions.CircuitRevalidationInterval"/>).
/// </summary>
public sealed class OpenCircuits
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<SessionRevalidation, byte>> _byUser = new(StringComparer.Ordinal);

    public void Add(string userId, SessionRevalidation circuit) =>
        _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<SessionRevalidation, byte>())[circuit] = 0;

    public void Remove(string userId, SessionRevalidation circuit)
    {
        if (_byUser.TryGetValue(userId, out var circuits)) circuits.TryRemove(circuit, out _);
    }

    /// <summary>How many pages of the user are open on this host.</summary>
    public int CountOf(string userId) => _byUser.TryGetValue(userId, out var circuits) ? circuits.Count : 0;

    /// <summary>
    /// Signs every open page of the user out, except <paramref name="except"/> (the page that asked for it, which leads
    /// its user on by itself, to the sign-in page with its own message).
    /// </summary>
    public void EndAllOf(string userId, SessionRevalidation? except = null)
    {
        if (!_byUser.TryGetValue(userId, out var circuits)) return;
        foreach (var circuit in circuits.Keys)
            if (!ReferenceEquals(circuit, except)) circuit.End();
    }
}
