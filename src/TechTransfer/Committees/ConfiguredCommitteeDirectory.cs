namespace TechTransfer.Committees;

/// <summary>Committees from configuration (<c>TechTransfer:Committee:Committees</c>), for a host without account
/// groups and for tests; the host replaces it with one reading its accounts.</summary>
public sealed class ConfiguredCommitteeDirectory(TechTransferOptions options) : ICommitteeDirectory
{
    public Task<CommitteeRoster?> FindAsync(string committeeId, CancellationToken ct = default)
    {
        var c = options.Committee.Committees.FirstOrDefault(x => string.Equals(x.Id, committeeId, StringComparison.Ordinal));
        return Task.FromResult(c is null ? null : new CommitteeRoster(c.Id, c.Chair, c.Members.ToList()));
    }
}
