using System.Net;
using System.Text.RegularExpressions;

namespace WorkflowHost.Notifications;

/// <summary>
/// Fills {{placeholders}}: plain values in the text part, HTML-encoded values in the HTML part (so a hostile
/// invention title cannot inject markup). A missing value renders empty. No code runs in a template.
/// </summary>
public static partial class TemplateRenderer
{
    // Non-backtracking: linear in the text whatever an administrator types (1 MB of "{{a" included).
    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, 2000)]
    private static partial Regex Placeholder();

    public sealed record Rendered(string Subject, string Text, string Html);

    public static Rendered Render(EmailTemplate template, IReadOnlyDictionary<string, string?> values) => new(
        Fill(template.Subject, values, html: false).ReplaceLineEndings(" "),
        Fill(template.Text, values, html: false),
        Fill(template.Html, values, html: true));

    /// <summary>Placeholders the template uses that no event provides (reported when an administrator saves it).</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(EmailTemplate template) =>
        Placeholder().Matches(template.Subject + template.Text + template.Html).Select(m => m.Groups[1].Value)
            .Where(n => !EmailTemplateCatalog.Placeholders.Contains(n) && !n.StartsWith("variables.", StringComparison.Ordinal))
            .Distinct().ToList();

    private static string Fill(string text, IReadOnlyDictionary<string, string?> values, bool html) =>
        Placeholder().Replace(text, m =>
        {
            var value = values.TryGetValue(m.Groups[1].Value, out var v) ? v ?? "" : "";
            return html ? WebUtility.HtmlEncode(value) : value;
        });
}
