using System.Globalization;
namespace WorkflowHost.Forms;

/// <summary>
/// Task forms by form key. The newest version published in the designer (<see cref="FormStore"/>) wins; a form never
/// published there is the shipped file <c>&lt;FormsPath&gt;/&lt;key&gt;.form.json</c> (configuration
/// <c>Workflows:FormsPath</c>, default the <c>forms</c> folder of the workflows folder). Read on each use, so a
/// published form applies at once, to the task page and to the server's check of completions alike. A key that
/// would leave the folder is treated as having no form.
/// </summary>
public sealed class FormCatalog(string formsPath, FormStore? store = null)
{
    public string FormsPath { get; } = Path.GetFullPath(formsPath);

    /// <summary>The form of a key, or null when the key has no form (such a task accepts any JSON object).</summary>
    public async Task<FormSchema?> FindAsync(string? formKey, CancellationToken ct) =>
        // Read in the reader's language: the labels the checks name are the ones on their screen (keys and values are the same in every language).
        await ReadRawAsync(formKey, ct) is { } json ? FormSchema.Parse(FormTranslation.Localize(json, CultureInfo.CurrentUICulture.Name)) : null;

    /// <summary>The schema JSON tasks use: the newest published version, else the shipped file, else null.</summary>
    public async Task<string?> ReadRawAsync(string? formKey, CancellationToken ct)
    {
        if (KeyOf(formKey) is not { } key) return null;
        if (store is not null && await store.LatestAsync(key, ct) is { } published) return published.SchemaJson;
        return await ReadShippedAsync(key, ct);
    }

    /// <summary>The shipped file of a key, ignoring what was published in the designer.</summary>
    public async Task<string?> ReadShippedAsync(string key, CancellationToken ct) =>
        PathOf(key) is { } path && File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;

    /// <summary>The keys of the shipped form files.</summary>
    public IReadOnlyList<string> ShippedKeys() =>
        Directory.Exists(FormsPath)
            ? Directory.EnumerateFiles(FormsPath, "*.form.json").Select(f => Path.GetFileName(f)[..^".form.json".Length]).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// The catalogue key of a task's form key: "camunda-forms:deployment:review.form" and "review" both name "review".
    /// Null for an empty key or one that could name a file outside the forms folder.
    /// </summary>
    public static string? KeyOf(string? formKey)
    {
        if (string.IsNullOrWhiteSpace(formKey)) return null;
        var key = formKey.Split(':').Last();
        if (key.EndsWith(".form", StringComparison.Ordinal)) key = key[..^5];
        if (key.Length == 0 || key.Length > 200 || key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key)
            || key.IndexOfAny(['/', '\\', '\0']) >= 0)
            return null;
        return key;
    }

    private string? PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(FormsPath, key + ".form.json"));
        return path.StartsWith(FormsPath + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }
}
