using System.Security.Cryptography;

namespace WorkflowHost.Identity;

/// <summary>Random passwords that meet the password rules: every character class, from a cryptographic source.</summary>
public static class PasswordGenerator
{
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "!#%+-=?@_~";

    public static string Generate(int length = 24)
    {
        var all = Lower + Upper + Digits + Symbols;
        var chars = new List<char>
        {
            Lower[RandomNumberGenerator.GetInt32(Lower.Length)],
            Upper[RandomNumberGenerator.GetInt32(Upper.Length)],
            Digits[RandomNumberGenerator.GetInt32(Digits.Length)],
            Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)],
        };
        while (chars.Count < length) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        // Shuffle, so the classes are not always in the first four places.
        for (var i = chars.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (chars[i], chars[j]) = (chars[j], chars[i]);
        }
        return new string(chars.ToArray());
    }
}
