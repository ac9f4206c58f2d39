using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Identity;

/// <summary>Validation failures by field (camelCase, as in the request body), ready for a problem-details answer.</summary>
public sealed class AccountErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

    /// <summary>Set when the refusal is a rate limit: how long until another try is let through (an API answers 429).</summary>
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>Refused for too many attempts, with the message under <paramref name="field"/>.</summary>
    public AccountErrors Throttled(TimeSpan retryAfter, string field, string message)
    {
        RetryAfter = retryAfter;
        return Add(field, message);
    }

    public AccountErrors Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var list)) _byField[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Identity's errors, each under the field it concerns: passwords under <paramref name="passwordField"/>, names and addresses under email.</summary>
    public AccountErrors Add(IdentityResult result, string passwordField = "password")
    {
        foreach (var e in result.Errors)
            Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                : e.Code is "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" ? "email"
                : e.Code.Contains("Role", StringComparison.Ordinal) ? "roles"
                : "user", e.Description);
        return this;
    }

    public Dictionary<string, string[]> ToDictionary() => _byField.ToDictionary(p => p.Key, p => p.Value.ToArray());

    /// <summary>Whether this field has a problem (a screen marks the field).</summary>
    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>This field's messages in one line, or null (a screen's text under the field).</summary>
    public string? Text(string field) => _byField.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Every field's messages in one line (a screen's notice when no field is shown).</summary>
    public string Messages => string.Join(" ", _byField.Values.SelectMany(m => m));
}
