using System.Reflection;

namespace Workflows.Conformance.Tests;

/// <summary>The run-level tests cover at least 40 models the corpus marks valid, each named with its source test.</summary>
public sealed class CorpusCoverageTests
{
    private static readonly List<ConformanceFactAttribute> Tests = typeof(CorpusCoverageTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Select(m => m.GetCustomAttribute<ConformanceFactAttribute>())
        .OfType<ConformanceFactAttribute>().ToList();

    [Fact]
    public void Corpus_is_found_in_CI()
    {
        if (!Corpus.InCi && Corpus.Directory is null) return; // nothing to check off CI without the corpus
        Assert.True(File.Exists(Path.Combine(Corpus.Root, "EXPECTED.tsv")));
        Assert.Equal(126, Corpus.Expected.Count);
    }

    // Skipped with the others when the corpus is absent off CI; "(all)" marks it as no single model's test.
    [ConformanceFact("(all)", "EXPECTED.tsv")]
    public void At_least_40_valid_models_are_run_and_each_is_marked_valid()
    {
        var models = Tests.Select(t => t.Model).Where(m => m != "(all)").Distinct().ToList();
        foreach (var model in models)
        {
            Assert.True(Corpus.Expected.TryGetValue(model, out var row), $"{model} is not in EXPECTED.tsv");
            Assert.True(row.MustPublish, $"{model} is marked {row.Expected}, not valid");
            Assert.True(File.Exists(Corpus.ModelPath(model)), $"{model} is missing from models/");
        }
        Assert.True(models.Count >= 40, $"only {models.Count} models are run");
    }

    private static readonly List<OwnModelFactAttribute> OwnModelTests = typeof(CorpusCoverageTests).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
        .Select(m => m.GetCustomAttribute<OwnModelFactAttribute>())
        .OfType<OwnModelFactAttribute>().ToList();

    [Fact]
    public void Every_conformance_test_names_its_source_test()
    {
        Assert.All(Tests, t => Assert.False(string.IsNullOrWhiteSpace(t.Source)));
        Assert.All(OwnModelTests, t => Assert.False(string.IsNullOrWhiteSpace(t.Source)));
    }

    [Fact]
    public void Every_model_of_ours_is_run_by_a_test_and_says_what_it_follows()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Models");
        var files = Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order().ToList();
        var named = OwnModelTests.SelectMany(t => t.Models).ToHashSet();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(f, named));
        Assert.All(named, m => Assert.Contains(m, files));
        Assert.All(files, f => Assert.Contains("written after", File.ReadAllText(Path.Combine(folder, f))));
    }
}
