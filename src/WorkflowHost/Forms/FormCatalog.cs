namespace WorkflowHost.Forms;

/// <summary>
/// Task forms by form key: the file <c>&lt;FormsPath&gt;/&lt;formKey&gt;.form.json</c> (configuration
/// <c>Workflows:FormsPath</c>, default the <c>forms</c> folder of the workflows folder). Read on each use, so an
/// edited form applies at once; a key that would leave the folder is treated as having no form.
/// </summary>
public sealed class FormCatalog(string formsPath)
{
    public string FormsPath { get; } = Path.GetFullPath(formsPath);

    /// <summary>The form of a key, or null when the key has no file (such a task accepts any JSON object).</summary>
    public async Task<FormSchema?> FindAsync(string? formKey, CancellationToken ct)
    {
        if (PathOf(formKey) is not { } path || !File.Exists(path)) return null;
        return FormSchema.Parse(await File.ReadAllTextAsync(path, ct));
    }

    public async Task<string?> ReadRawAsync(string? formKey, CancellationToken ct) =>
        PathOf(formKey) is { } path && File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : null;

    private string? PathOf(string? formKey)
    {
        if (string.IsNullOrWhiteSpace(formKey)) return null;
        // "camunda-forms:deployment:review.form" and "review" both name review.form.json.
        var key = formKey.Split(':').Last();
        if (key.EndsWith(".form", StringComparison.Ordinal)) key = key[..^5];
        if (key.Length == 0 || key.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(key) || key.IndexOfAny(['\\', '\0']) >= 0)
            return null;
        var path = Path.GetFullPath(Path.Combine(FormsPath, key + ".form.json"));
        return path.StartsWith(FormsPath + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }
}
