namespace TechTransfer.Inventions;

/// <summary>
/// Where the domain runs without accounts (its own tests, a demonstration of the domain alone) every id names a person.
/// The host replaces it with its accounts, so a co-inventor who is no user is refused there.
/// </summary>
public sealed class AnyonePeopleDirectory : IPeopleDirectory
{
    public Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> userIds, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>No accounts: nothing more than the id is known (the evidence keeps the roles the actor acted with).</summary>
    public Task<PersonSnapshot?> DescribeAsync(string userId, CancellationToken ct = default) => Task.FromResult<PersonSnapshot?>(null);

    /// <summary>No accounts: no name is linked to one.</summary>
    public Task<IReadOnlyDictionary<string, string>> FindByNamesAsync(IReadOnlyCollection<string> names, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>No accounts: no group has anybody in it (the office acts for it).</summary>
    public Task<bool> GroupHasMembersAsync(string group, CancellationToken ct = default) => Task.FromResult(false);
}
