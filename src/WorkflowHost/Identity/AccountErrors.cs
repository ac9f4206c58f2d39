using Microsoft.AspNetCore.Identity;

namespace WorkflowHost.Identity;

/// <summary>Validation failures by field (camelCase, as in the request body), ready for a problem-details answer.</summary>
public sealed class AccountErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool Any => _byField.Count > 0;

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
}
