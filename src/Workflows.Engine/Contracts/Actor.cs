namespace Workflows.Engine.Contracts;

/// <summary>Who asks the runtime to act: a user id, the groups (roles) they hold, and whether they administer.</summary>
public sealed record Actor(string UserId, IReadOnlyCollection<string> Groups, bool IsAdministrator = false)
{
    public static readonly Actor System = new("system", Array.Empty<string>(), IsAdministrator: true);
    public static Actor User(string userId, params string[] groups) => new(userId, groups);
    public bool InGroup(string group) => Groups.Contains(group, StringComparer.OrdinalIgnoreCase);
}
