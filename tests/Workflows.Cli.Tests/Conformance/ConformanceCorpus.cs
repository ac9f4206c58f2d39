namespace Workflows.Cli.Tests.Conformance;

/// <summary>
/// The shared BPMN conformance corpus (126 models from Camunda's, Flowable's and bpmn-engine's test suites), read where it
/// lies: a <c>shared/conformance</c> folder beside the repository or in one of its parents (in CI the clone sits beside
/// <c>shared/</c>), else <c>/work/shared/conformance</c>. The models are never copied into the repository.
/// </summary>
public static class ConformanceCorpus
{
    private const string Fallback = "/work/shared/conformance";

    public static string? Folder { get; } = Find();

    /// <summary>CI sets CI=true: there a missing corpus is a failure, not a skip.</summary>
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<Entry> Entries()
    {
        if (Folder is null) yield break;
        foreach (var line in File.ReadLines(Path.Combine(Folder, "EXPECTED.tsv")).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var columns = line.Split('\t');
            yield return new Entry(columns[0], columns[1], columns.Length > 2 ? columns[2] : "", columns.Length > 5 ? columns[5] : "");
        }
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance");
            if (File.Exists(Path.Combine(candidate, "EXPECTED.tsv"))) return candidate;
        }
        return File.Exists(Path.Combine(Fallback, "EXPECTED.tsv")) ? Fallback : null;
    }

    /// <summary>One row of EXPECTED.tsv: the model, what publishing must do with it, why, and the source test.</summary>
    public sealed record Entry(string File, string Expected, string Note, string SourcePath)
    {
        public string Path => System.IO.Path.Combine(Folder!, "models", File);
        public override string ToString() => File;
    }
}
