namespace WorkflowHost.Identity;

/// <summary>The languages a user may choose (the email templates and the UI exist in these).</summary>
public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Chinese, English];

    /// <summary>The canonical spelling of a supported language, or null.</summary>
    public static string? Normalize(string? language) =>
        All.FirstOrDefault(l => string.Equals(l, language?.Trim(), StringComparison.OrdinalIgnoreCase));
}
