namespace WorkflowHost.Notifications;

/// <summary>
/// The user directory and the templates as one dispatch batch sees them: each user, group and template is looked up
/// once per batch (a batch of reminders names the same managers and templates over and over).
/// </summary>
public sealed class RecipientLookup(IUserDirectory users, EmailTemplates templates)
{
    private readonly Dictionary<string, UserContact?> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<UserContact>> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), EmailTemplate?> _templates = new();

    public async Task<UserContact?> FindAsync(string userId, CancellationToken ct)
    {
        if (!_users.TryGetValue(userId, out var contact)) _users[userId] = contact = await users.FindAsync(userId, ct);
        return contact;
    }

    public async Task<IReadOnlyList<UserContact>> MembersOfAsync(string group, CancellationToken ct)
    {
        if (!_groups.TryGetValue(group, out var members)) _groups[group] = members = await users.MembersOfAsync(group, ct);
        return members;
    }

    public async Task<EmailTemplate?> TemplateAsync(string key, string language, CancellationToken ct)
    {
        if (!_templates.TryGetValue((key, language), out var template)) _templates[(key, language)] = template = await templates.FindAsync(key, language, ct);
        return template;
    }
}
