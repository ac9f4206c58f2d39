namespace TechTransfer.Inventions;

/// <summary>Which user ids name people who have an account. The host answers from its accounts; the domain only asks.</summary>
public interface IPeopleDirectory
{
    /// <summary>The ids among <paramref name="userIds"/> that are no user (empty when all are).</summary>
    Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default);
}
