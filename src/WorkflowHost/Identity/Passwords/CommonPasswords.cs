using System.Collections.Frozen;

namespace WorkflowHost.Identity.Passwords;

/// <summary>
/// Passwords people choose most and leaked most: <c>common-passwords.txt</c> beside this file (104,279 entries, lower
/// case; sources and licences in <c>THIRD-PARTY-NOTICES.md</c>), loaded once. A password counts as common when, lower
/// cased, it is on the list as it is, without the symbols around it, or once the digits and symbols around the word in
/// it are gone, also read as the letters its digits and symbols stand for ("P@ssw0rd2024!" is "password"): so
/// <c>Password123!</c> and <c>Qwerty123456!</c> are common, though they meet the character rules.
/// </summary>
public sealed class CommonPasswords
{
    private const string Resource = "WorkflowHost.Identity.Passwords.common-passwords.txt";
    /// <summary>Shorter cores ("abc" in "Abc-8472-Zyx") are not taken for a common password.</summary>
    private const int MinCoreLength = 4;

    private readonly Lazy<FrozenSet<string>> _list = new(Load);

    public int Count => _list.Value.Count;

    public bool Contains(string password)
    {
        var list = _list.Value;
        var lower = password.ToLowerInvariant();
        var bare = lower.Trim(NotLetterOrDigit(lower));
        var core = bare.Trim(NotLetter(bare));
        return list.Contains(lower) || list.Contains(bare)
               || (core.Length >= MinCoreLength && (list.Contains(core) || list.Contains(Unleet(core))));
    }

    private static char[] NotLetterOrDigit(string s) => s.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray();

    private static char[] NotLetter(string s) => s.Where(c => !char.IsLetter(c)).Distinct().ToArray();

    private static string Unleet(string s) => string.Create(s.Length, s, (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
            span[i] = source[i] switch
            {
                '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's', _ => source[i],
            };
    });

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The common-password list ({Resource}) is not in the assembly.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>(110_000);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) entries.Add(line);
        return entries.ToFrozenSet(StringComparer.Ordinal);
    }
}
