namespace TechTransfer.Common;

/// <summary>
/// What no text the product stores may hold, whoever sends it (doc/security.md, "Lengths and characters"): NUL and other
/// control characters (TAB, CR and LF aside), which break exports and PostgreSQL's text columns; the bidirectional
/// overrides and isolates U+202A-U+202E and U+2066-U+2069, which make a title or a file name read differently from what
/// it is (<c>invoice\u202Efdp.exe</c> shows as <c>invoiceexe.pdf</c>); and in a one-line value (a title, a name, a file
/// name) line breaks, which forge extra lines in emails, logs and exports. Plus a length limit per field.
/// </summary>
public static class TextRules
{
    /// <summary>Why the value is refused (a sentence naming the field), or null when it is fine. Null values are fine (absent).</summary>
    public static (string Code, string Message)? Problem(string? value, string field, int maxLength, bool singleLine)
    {
        if (value is null) return null;
        if (value.Length > maxLength) return ("too-long", $"'{field}' has at most {maxLength} characters; this one has {value.Length}.");
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\u2028' or '\u2029')
            {
                if (singleLine) return ("line-break", $"'{field}' is one line: it may not contain a line break.");
                continue;
            }
            if (IsBidiControl(c))
                return ("forbidden-character", $"'{field}' may not contain the bidirectional control U+{(int)c:X4}: it makes text read differently from what it is.");
            if (char.IsControl(c) && c != '\t')
                return ("forbidden-character", $"'{field}' may not contain the control character U+{(int)c:X4}.");
        }
        return null;
    }

    /// <summary>Throws the refusal (400 naming the field) when <see cref="Problem"/> finds one.</summary>
    public static void Check(string? value, string field, int maxLength, bool singleLine = false)
    {
        if (Problem(value, field, maxLength, singleLine) is { } problem) throw TechTransferException.Rule(problem.Code, problem.Message, field);
    }

    /// <summary>The embedding and override controls U+202A-U+202E and the isolates U+2066-U+2069.</summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>The first character <see cref="Problem"/> would refuse in any text (lengths and line breaks aside), or null.</summary>
    public static char? ForbiddenCharacter(string value)
    {
        foreach (var c in value)
            if (IsBidiControl(c) || char.IsControl(c) && c is not ('\t' or '\r' or '\n')) return c;
        return null;
    }
}
