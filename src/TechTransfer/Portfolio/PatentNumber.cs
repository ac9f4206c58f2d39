using System.Text;
using TechTransfer.Rewards;

namespace TechTransfer.Portfolio;

/// <summary>
/// Chinese patent (application) numbers as registers and exports write them: <c>ZL2020 1 0123456.7</c>, <c>CN202010123456.7</c>,
/// <c>２０２０１０１２３４５６．７</c>, <c>200510012345.X</c>, or the short form before 2004 (<c>ZL98123456.1</c>). One patent is
/// one normalized number (<c>ZL</c>, the digits, a dot, the check character). The check character is computed as CNIPA
/// does (the digits weighted 2,3,4,5,6,7,8,9 repeating, sum mod 11, 10 written X); a mismatch is a warning to check the
/// number against the certificate, not a refusal (registers carry hand-typed numbers, and a number is kept as written).
/// </summary>
public static class PatentNumber
{
    /// <summary>The normalized number, or null with the reason in <paramref name="problem"/>; <paramref name="warning"/> when its check character does not match.</summary>
    public static string? Normalize(string? text, out string? problem, out string? warning)
    {
        problem = null;
        warning = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The patent number is empty.";
            return null;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || c is '.' or '-' or '·') continue;
            sb.Append(char.ToUpperInvariant(c));
        }
        var s = sb.ToString();
        if (s.StartsWith("ZL", StringComparison.Ordinal) || s.StartsWith("CN", StringComparison.Ordinal)) s = s[2..];
        if (s.Length is not (13 or 9) || !s[..^1].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(s[^1]) || s[^1] == 'X'))
        {
            problem = s.Length > 0 && char.IsAsciiLetter(s[^1]) && s[..^1].All(char.IsAsciiDigit)
                ? $"'{text.Trim()}' looks like a publication number; give the patent (application) number, e.g. ZL202010123456.7."
                : $"'{text.Trim()}' is not a Chinese patent number (e.g. ZL202010123456.7).";
            return null;
        }
        var check = CheckCharacter(s[..^1]);
        if (check != s[^1]) warning = $"'{text.Trim()}' has the check character {s[^1]}, but its digits give {check}: check the number against the certificate.";
        return $"ZL{s[..^1]}.{s[^1]}";
    }

    /// <summary>The check character of the digits (without it).</summary>
    public static char CheckCharacter(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++) sum += (digits[i] - '0') * (i % 8 + 2);
        var r = sum % 11;
        return r == 10 ? 'X' : (char)('0' + r);
    }

    /// <summary>The kind a normalized number names (its type digit), null when it names none.</summary>
    public static PatentKind? KindOf(string normalized) => RewardService.KindOf(normalized);
}
