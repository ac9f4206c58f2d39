using System.Text.RegularExpressions;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>
/// Every decision that depends on time reads the host's <see cref="TimeProvider"/> (deadlines, windows, lockouts,
/// tokens, what a page shows as now), so a test that advances that clock sees all of them move together. A read of
/// the wall clock in src/ is allowed only where it records a fact about the machine, listed here with the reason.
/// </summary>
public sealed partial class WallClockTests
{
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["src/Workflows.Persistence/Migrations/SchemaMigrator.cs"] = "when a schema script ran on this database, not a time of any case",
    };

    [GeneratedRegex(@"\bDateTime(Offset)?\s*\.\s*(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();

    [Fact]
    public void Source_reads_the_wall_clock_only_where_the_allow_list_says_why()
    {
        var root = HostFactory.RepositoryRoot;
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var relative = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0]; // a comment may name it
                if (WallClock().IsMatch(code) && !Allowed.ContainsKey(relative)) found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
            }
        }
        Assert.True(found.Count == 0, "Read the host's TimeProvider instead of the wall clock (or allow the file here, saying why):\n" + string.Join("\n", found));
        // The allow-list names files that still need it.
        foreach (var file in Allowed.Keys)
            Assert.Matches(WallClock(), File.ReadAllText(Path.Combine(root, file)));
    }
}
