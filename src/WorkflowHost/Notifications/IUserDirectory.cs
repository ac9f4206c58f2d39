namespace WorkflowHost.Notifications;

/// <summary>Resolves the people a notification names. A minimal table today; the identity issue will back it with users and roles.</summary>
public interface IUserDirectory
{
    Task<UserContact?> FindAsync(string userId, CancellationToken ct);
    Task<IReadOnlyList<UserContact>> MembersOfAsync(string group, CancellationToken ct);
    Task SaveAsync(UserContact contact, IEnumerable<string> groups, CancellationToken ct);
}
