using WorkflowHost.Identity;

namespace WorkflowHost.Components.Pages.Admin.Users;

/// <summary>The account service's errors by field, as the dialogs show them beside their fields.</summary>
public sealed class FieldErrors(Dictionary<string, string[]> byField)
{
    public static FieldErrors None => new([]);

    public static FieldErrors From(AccountErrors errors) => new(errors.ToDictionary());

    public Dictionary<string, string[]> ByField { get; } = byField;

    public bool Any => ByField.Count > 0;

    public bool Has(string field) => ByField.ContainsKey(field);

    public string? Text(string field) => ByField.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
