namespace TechTransfer.Committees;

/// <summary>Who sits on a committee. The host answers from its accounts (committees as groups); the domain only asks.</summary>
public interface ICommitteeDirectory
{
    Task<CommitteeRoster?> FindAsync(string committeeId, CancellationToken ct = default);
}

/// <summary>A committee's chair and voting members (the chair is listed among the members when they vote too).</summary>
public sealed record CommitteeRoster(string CommitteeId, string ChairId, IReadOnlyList<string> Members);
