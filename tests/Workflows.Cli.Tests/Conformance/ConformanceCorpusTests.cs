using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Workflows.Cli.Tests.Conformance;

/// <summary>
/// Every model of the conformance corpus through <c>wf validate</c>, judged exactly as <c>shared/conformance/check</c>
/// judges it: <c>valid</c> exits 0; <c>rejected</c> exits 1 with at least one <c>(LINE,COL): error BPMNnnn: </c> line;
/// <c>valid-or-BPMN012</c> exits 0, or exits 1 with BPMN012 as its only error.
/// </summary>
public sealed partial class ConformanceCorpusTests(ITestOutputHelper log)
{
    private const string Missing = "(corpus missing)";

    public static TheoryData<string> Models
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var entry in ConformanceCorpus.Entries()) data.Add(entry.File);
            if (data.Count == 0) data.Add(Missing); // one case that says so, rather than a theory without data
            return data;
        }
    }

    [GeneratedRegex(@"\([0-9]+,[0-9]+\): error BPMN[0-9]+: ")]
    private static partial Regex PositionedError();

    [Theory, MemberData(nameof(Models))]
    public async Task Model_is_handled_as_its_source_engine_handles_it(string file)
    {
        if (file == Missing)
        {
            Assert.False(ConformanceCorpus.InCi,
                "The conformance corpus (shared/conformance/EXPECTED.tsv) was not found beside the repository or in /work/shared/conformance; CI must have it.");
            log.WriteLine("The conformance corpus is not on this machine; nothing to check.");
            return;
        }
        var entry = ConformanceCorpus.Entries().Single(e => e.File == file);
        var output = new StringWriter();
        var exit = await CliApp.RunAsync(["validate", entry.Path], new StringReader(""), output, new StringWriter());
        var text = output.ToString();
        var errors = text.Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).ToList();
        var why = $"{entry.File} ({entry.Expected}: {entry.Note}; source {entry.SourcePath}), exit {exit}:\n{text}";

        switch (entry.Expected)
        {
            case "valid":
                Assert.True(exit == 0, why);
                break;
            case "rejected":
                Assert.True(exit == 1 && PositionedError().IsMatch(text), why);
                break;
            case "valid-or-BPMN012":
                Assert.True(exit == 0 || (exit == 1 && errors.All(l => l.Contains("error BPMN012", StringComparison.Ordinal))), why);
                break;
            default:
                Assert.Fail($"EXPECTED.tsv names an unknown expectation '{entry.Expected}' for {entry.File}");
                break;
        }
    }

    [Fact]
    public void Corpus_is_found_in_ci()
    {
        if (ConformanceCorpus.InCi) Assert.NotNull(ConformanceCorpus.Folder);
        if (ConformanceCorpus.Folder is not null) Assert.NotEmpty(ConformanceCorpus.Entries());
        else log.WriteLine("The conformance corpus is not on this machine.");
    }
}
