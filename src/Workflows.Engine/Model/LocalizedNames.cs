namespace Workflows.Engine.Model;

/// <summary>
/// The names of one element in other languages, beside its BPMN <c>name</c>: the attributes
/// <c>wf:name-&lt;culture&gt;="…"</c> (<c>wf:name-zh-CN="筛选披露"</c>). Other modelers keep a foreign attribute
/// unchanged and show <c>name</c>, so a file stays portable; the engine only carries the texts, the caller picks.
/// </summary>
public sealed class LocalizedNames
{
    /// <summary>The attribute prefix inside the wf namespace: <c>wf:name-zh-CN</c>.</summary>
    public const string AttributePrefix = "name-";

    public static readonly LocalizedNames None = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _byCulture;

    public LocalizedNames(IReadOnlyDictionary<string, string> byCulture) =>
        _byCulture = new Dictionary<string, string>(byCulture, StringComparer.OrdinalIgnoreCase);

    /// <summary>Culture name (zh-CN) to text, as written.</summary>
    public IReadOnlyDictionary<string, string> ByCulture => _byCulture;

    /// <summary>The text for <paramref name="culture"/>: an exact match (zh-CN), else one of the same language
    /// (zh-CN for zh or zh-Hans); null when the element has none.</summary>
    public string? For(string? culture)
    {
        if (string.IsNullOrEmpty(culture) || _byCulture.Count == 0) return null;
        if (_byCulture.TryGetValue(culture, out var exact)) return exact;
        var language = Language(culture);
        return _byCulture.FirstOrDefault(n => string.Equals(Language(n.Key), language, StringComparison.OrdinalIgnoreCase)).Value;
    }

    /// <summary>The name in <paramref name="culture"/>, else the BPMN name.</summary>
    public string? Pick(string? name, string? culture) => For(culture) ?? name;

    private static string Language(string culture) => culture.Split('-')[0];
}
