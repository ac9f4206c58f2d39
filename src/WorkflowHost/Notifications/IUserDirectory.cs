namespace WorkflowHost.Notifications;

/// <summary>Resolves the people a notification names: users, and the members of a role or committee (backed by Identity: <c>Identity/IdentityUserDirectory</c>).</summary>
public interface IUserDirectory
{
    Task<UserContact?> FindAsync(string userId, CancellationToken ct);
    Task<IReadOnlyList<UserContact>> MembersOfAsync(string group, CancellationToken ct);
    Task SaveAsync(UserContact contact, IEnumerable<string> groups, CancellationToken ct);
}
