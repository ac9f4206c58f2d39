namespace TechTransfer.Inventions;

/// <summary>Which user ids name people who have an account, and who they are. The host answers from its accounts; the domain only asks.</summary>
public interface IPeopleDirectory
{
    /// <summary>The ids among <paramref name="userIds"/> that are no user (empty when all are).</summary>
    Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);

    /// <summary>The person's name and roles as they are now (null when the id names no user), for the evidence's snapshot of who acted.</summary>
    Task<PersonSnapshot?> DescribeAsync(string userId, CancellationToken ct = default);

    /// <summary>
    /// The account of each of <paramref name="names"/> that exactly one person has as their display name (an imported
    /// register names inventors, not accounts); a name nobody or several people have is left out, never guessed.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindByNamesAsync(IReadOnlyCollection<string> names, CancellationToken ct = default);

    /// <summary>Whether anybody sits in the group (a committee code), so that a task offered to it reaches someone.</summary>
    Task<bool> GroupHasMembersAsync(string group, CancellationToken ct = default);
}

/// <summary>Who a person was when they acted: their id, display name and roles (and committee seats) at that moment.</summary>
public sealed record PersonSnapshot(string UserId, string? Name, IReadOnlyList<string> Roles);
