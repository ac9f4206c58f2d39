using System.Text.RegularExpressions;

namespace WorkflowHost.Forms;

/// <summary>
/// The workflow administrator's work on task forms, called by the forms endpoints (<c>/api/v1/forms</c>) and the
/// designer's pages alike: list, read, check, save a draft and publish a new version (which tasks then use).
/// </summary>
public sealed partial class FormAdministration(FormCatalog catalog, FormStore store, TimeProvider clock)
{
    public sealed record FormSummary(string Key, int? LatestVersion, string? PublishedBy, DateTimeOffset? PublishedAt, bool Shipped, bool HasDraft);
    public sealed record Outcome(bool Ok, IReadOnlyDictionary<string, string[]> Errors, FormVersionInfo? Version);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")]
    private static partial Regex KeyPattern();

    /// <summary>A key a new form may have: letters, digits, '_', '-', '.', at most 100, not ending in ".form".</summary>
    public static bool IsValidKey(string? key) =>
        key is not null && KeyPattern().IsMatch(key) && !key.Contains("..", StringComparison.Ordinal) && !key.EndsWith(".form", StringComparison.Ordinal);

    /// <summary>Every form: the shipped files and those published or drafted in the designer, by key.</summary>
    public async Task<IReadOnlyList<FormSummary>> ListAsync(CancellationToken ct)
    {
        var latest = (await store.ListLatestAsync(ct)).ToDictionary(v => v.Key, StringComparer.Ordinal);
        var drafts = (await store.DraftKeysAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var shipped = catalog.ShippedKeys().ToHashSet(StringComparer.Ordinal);
        return shipped.Concat(latest.Keys).Concat(drafts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(k => latest.TryGetValue(k, out var v)
                ? new FormSummary(k, v.Version, v.PublishedBy, v.PublishedAt, shipped.Contains(k), drafts.Contains(k))
                : new FormSummary(k, null, null, null, shipped.Contains(k), drafts.Contains(k)))
            .ToList();
    }

    /// <summary>The schema tasks use now (newest published, else the shipped file), or null for an unknown key.</summary>
    public Task<string?> CurrentAsync(string key, CancellationToken ct) => catalog.ReadRawAsync(key, ct);

    /// <summary>What the editor opens: the draft if one was saved, else the schema in use.</summary>
    public async Task<(string? Json, bool IsDraft)> ForEditingAsync(string key, CancellationToken ct) =>
        await store.DraftAsync(key, ct) is { } draft ? (draft.SchemaJson, true) : (await CurrentAsync(key, ct), false);

    public Task<List<FormVersionInfo>> VersionsAsync(string key, CancellationToken ct) => store.VersionsAsync(key, ct);

    public Task<FormVersion?> VersionAsync(string key, int version, CancellationToken ct) => store.VersionAsync(key, version, ct);

    public async Task<bool> ExistsAsync(string key, CancellationToken ct) =>
        await CurrentAsync(key, ct) is not null || await store.DraftAsync(key, ct) is not null;

    public static Outcome Validate(string? json)
    {
        var errors = FormSchemaCheck.Check(json);
        return new Outcome(errors.Count == 0, errors, null);
    }

    /// <summary>Keeps the schema as the form's draft (tasks go on using the published one). It must be a readable schema.</summary>
    public async Task<Outcome> SaveDraftAsync(string key, string? json, string userId, CancellationToken ct)
    {
        if (KeyError(key) is { } bad) return bad;
        var errors = FormSchemaCheck.Check(json);
        if (errors.ContainsKey("schema")) return new Outcome(false, errors, null);
        await store.SaveDraftAsync(key, json!, userId, clock.GetUtcNow(), ct);
        return new Outcome(true, errors, null);
    }

    /// <summary>Publishes the schema as the form's next version, used from now on by every task with this form key.</summary>
    public async Task<Outcome> PublishAsync(string key, string? json, string userId, CancellationToken ct)
    {
        if (KeyError(key) is { } bad) return bad;
        var errors = FormSchemaCheck.Check(json);
        if (errors.Count > 0) return new Outcome(false, errors, null);
        var version = await store.PublishAsync(key, json!, userId, clock.GetUtcNow(), ct);
        return new Outcome(true, errors, version);
    }

    private static Outcome? KeyError(string key) => IsValidKey(key)
        ? null
        : new Outcome(false, new Dictionary<string, string[]> { ["key"] = ["A form key has 1 to 100 letters, digits, '_', '-' or '.', and does not end in \".form\"."] }, null);
}
