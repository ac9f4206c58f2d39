using System.Text;

namespace Workflows.Engine.Expressions;

/// <summary>One part of a composite expression: literal text, or the body of a <c>${...}</c> part (its offset and length in the text).</summary>
internal readonly record struct TemplatePart(bool IsExpression, string Literal, int Start, int Length);

/// <summary>
/// Splits text such as <c>Review ${title} by ${due}</c> into literal and expression parts, as JUEL's composite expressions
/// do. One linear pass: braces nest, and string literals inside a part may hold braces. <c>\${</c> writes a literal <c>${</c>.
/// </summary>
internal static class TemplateScanner
{
    public static List<TemplatePart> Split(string text)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 2 < text.Length && text[i + 1] is '$' or '#' && text[i + 2] == '{')
            {
                literal.Append(text[i + 1]).Append('{');
                i += 3;
                continue;
            }
            if (c is '$' or '#' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = MatchingBrace(text, i + 2) ??
                    throw new ExpressionSyntaxException($"the '{c}{{' at character {i + 1} is not closed with '}}'", i);
                if (literal.Length > 0)
                {
                    parts.Add(new TemplatePart(false, literal.ToString(), 0, 0));
                    literal.Clear();
                }
                parts.Add(new TemplatePart(true, "", i + 2, close - (i + 2)));
                i = close + 1;
                continue;
            }
            literal.Append(c);
            i++;
        }
        if (literal.Length > 0) parts.Add(new TemplatePart(false, literal.ToString(), 0, 0));
        return parts;
    }

    /// <summary>The index of the '}' that closes a part whose body starts at <paramref name="from"/>, or null.</summary>
    private static int? MatchingBrace(string text, int from)
    {
        var depth = 1;
        for (var j = from; j < text.Length; j++)
        {
            var c = text[j];
            if (c is '"' or '\'')
            {
                var quote = c;
                for (j++; j < text.Length && text[j] != quote; j++)
                    if (text[j] == '\\') j++;
                if (j >= text.Length) return null;
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return j;
        }
        return null;
    }
}
