namespace Workflows.Conformance.Tests;

/// <summary>
/// The shared BPMN conformance corpus (126 models from Camunda's, Flowable's and bpmn-engine's test suites, with
/// EXPECTED.tsv): found as <c>shared/conformance</c> in a parent folder of the test assembly or repository (in CI
/// the clone sits beside <c>shared/</c>), else at <c>/work/shared/conformance</c>; <c>WORKFLOWS_CONFORMANCE</c> overrides both.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> Folder = new(Find);
    private static readonly Lazy<IReadOnlyDictionary<string, Expectation>> ExpectedRows = new(ReadExpected);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Directory => Folder.Value;

    /// <summary>The corpus folder, or a loud failure naming where it was looked for.</summary>
    public static string Root => Folder.Value ?? throw new InvalidOperationException(
        "The BPMN conformance corpus was not found: no shared/conformance/EXPECTED.tsv in any parent folder of " +
        $"{AppContext.BaseDirectory}, nor at /work/shared/conformance; set WORKFLOWS_CONFORMANCE to its folder.");

    public static string ModelPath(string file) => Path.Combine(Root, "models", file);

    public static string ReadModel(string file)
    {
        var path = ModelPath(file);
        if (!File.Exists(path)) throw new FileNotFoundException($"The corpus has no model '{file}'.", path);
        return File.ReadAllText(path);
    }

    /// <summary>EXPECTED.tsv by file name.</summary>
    public static IReadOnlyDictionary<string, Expectation> Expected => ExpectedRows.Value;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("WORKFLOWS_CONFORMANCE") is { Length: > 0 } configured)
            return File.Exists(Path.Combine(configured, "EXPECTED.tsv")) ? configured : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (File.Exists(Path.Combine(candidate, "EXPECTED.tsv"))) return candidate;
        }
        const string fallback = "/work/shared/conformance";
        return File.Exists(Path.Combine(fallback, "EXPECTED.tsv")) ? fallback : null;
    }

    private static IReadOnlyDictionary<string, Expectation> ReadExpected()
    {
        var rows = new Dictionary<string, Expectation>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Root, "EXPECTED.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 6) continue;
            rows[cells[0]] = new Expectation(cells[0], cells[1], cells[2], cells[3], cells[5]);
        }
        return rows;
    }
}

/// <summary>One row of EXPECTED.tsv.</summary>
public sealed record Expectation(string File, string Expected, string Note, string SourceRepository, string SourcePath)
{
    public bool MustPublish => Expected is "valid" or "valid-or-BPMN012";
}
