using System.Globalization;
using System.Text;

namespace Workflows.Engine.Expressions;

/// <summary>Splits expression text into tokens. FEEL's function names with spaces ("string length") become one name.</summary>
internal static class ExpressionLexer
{
    private static readonly string[] Symbols = ["==", "!=", "<>", "<=", ">=", "&&", "||", "..", "+", "-", "*", "/", "%", "<", ">", "=", "!", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?"];

    public static List<ExpressionToken> Tokenize(string text, int offset)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length)
            {
                tokens.Add(new ExpressionToken(TokenKind.End, "", offset + i));
                return tokens;
            }
            var c = text[i];
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                {
                    i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                var literal = text[start..i];
                if (!decimal.TryParse(literal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    throw new ExpressionSyntaxException($"the number '{literal}' is too large", offset + start);
                tokens.Add(new ExpressionToken(TokenKind.Number, literal, offset + start, number));
                continue;
            }
            if (c is '"' or '\'')
            {
                tokens.Add(new ExpressionToken(TokenKind.String, ReadString(text, ref i, offset), offset + start));
                continue;
            }
            if (char.IsLetter(c) || c == '_' || c == '$')
            {
                var multi = BuiltInFunctions.MultiWordNames.FirstOrDefault(n => StartsName(text, i, n));
                if (multi is not null)
                {
                    i += multi.Length;
                    tokens.Add(new ExpressionToken(TokenKind.Name, multi, offset + start));
                    continue;
                }
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '$')) i++;
                tokens.Add(new ExpressionToken(TokenKind.Name, text[start..i], offset + start));
                continue;
            }
            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0);
            if (symbol is null)
                throw new ExpressionSyntaxException($"unexpected character '{c}'", offset + i);
            i += symbol.Length;
            tokens.Add(new ExpressionToken(TokenKind.Symbol, symbol, offset + start));
        }
    }

    /// <summary>A multi-word function name counts only when a '(' follows it.</summary>
    private static bool StartsName(string text, int at, string name)
    {
        if (string.CompareOrdinal(text, at, name, 0, name.Length) != 0) return false;
        var j = at + name.Length;
        if (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_')) return false;
        while (j < text.Length && char.IsWhiteSpace(text[j])) j++;
        return j < text.Length && text[j] == '(';
    }

    private static string ReadString(string text, ref int i, int offset)
    {
        var quote = text[i];
        var start = i++;
        var b = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                b.Append(text[i] switch
                {
                    'n' => '\n', 't' => '\t', 'r' => '\r', _ => text[i],
                });
                i++;
                continue;
            }
            b.Append(text[i++]);
        }
        if (i >= text.Length) throw new ExpressionSyntaxException("the string is not closed", offset + start);
        i++;
        return b.ToString();
    }
}
