using System.Text.RegularExpressions;
using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// Decides, without running anything, whether at least one of a gateway's conditions always holds: a literal
/// <c>true</c>, or two conditions that are plainly each other's negation (<c>x</c> / <c>not(x)</c>,
/// <c>a = v</c> / <c>a != v</c>, <c>a &lt; b</c> / <c>a &gt;= b</c>). Anything cleverer needs a default flow.
/// </summary>
internal static partial class GatewayConditions
{
    [GeneratedRegex(@"^(?<l>.+?)\s*(?<op>==|!=|<>|<=|>=|=|<|>)\s*(?<r>.+)$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Comparison();

    public static bool AlwaysOneHolds(IReadOnlyList<SequenceFlow> flows)
    {
        var conditions = flows.Select(f => Normalize(f.ConditionText!)).ToList();
        if (conditions.Any(c => c == "true")) return true;
        for (var i = 0; i < conditions.Count; i++)
            for (var j = 0; j < conditions.Count; j++)
                if (i != j && IsNegation(conditions[i], conditions[j])) return true;
        return false;
    }

    private static string Normalize(string text)
    {
        var t = text.Trim();
        if ((t.StartsWith("${", StringComparison.Ordinal) || t.StartsWith("#{", StringComparison.Ordinal)) && t.EndsWith('}')) t = t[2..^1];
        if (t.StartsWith('=')) t = t[1..];
        t = Regex.Replace(t.Trim(), @"\s+", " ");
        while (t.StartsWith('(') && t.EndsWith(')') && Balanced(t[1..^1])) t = t[1..^1].Trim();
        return t.Replace("&&", "and").Replace("||", "or");
    }

    private static bool Balanced(string s)
    {
        var depth = 0;
        foreach (var c in s)
        {
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0) return false;
        }
        return depth == 0;
    }

    private static bool IsNegation(string a, string b)
    {
        foreach (var prefix in new[] { "!", "not ", "not(" })
        {
            if (!b.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var inner = prefix == "not(" ? (b.EndsWith(')') ? b[4..^1] : null) : b[prefix.Length..];
            if (inner is not null && Normalize(inner) == a) return true;
        }
        var ma = Comparison().Match(a);
        var mb = Comparison().Match(b);
        if (!ma.Success || !mb.Success) return false;
        if (ma.Groups["l"].Value.Trim() != mb.Groups["l"].Value.Trim() || ma.Groups["r"].Value.Trim() != mb.Groups["r"].Value.Trim()) return false;
        static string Canon(string op) => op switch { "==" => "=", "<>" => "!=", _ => op };
        return (Canon(ma.Groups["op"].Value), Canon(mb.Groups["op"].Value)) switch
        {
            ("=", "!=") or ("<", ">=") or (">", "<=") => true,
            _ => false,
        };
    }
}
