namespace Workflows.Conformance.Tests;

/// <summary>
/// A run-level conformance test: it runs <see cref="Model"/> from the corpus and asserts what <see cref="Source"/>
/// (the other engine's test of the same name) asserts. Without the corpus the test is skipped locally and fails
/// loudly in CI (<c>CI=true</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ConformanceFactAttribute : FactAttribute
{
    public ConformanceFactAttribute(string model, string source)
    {
        Model = model;
        Source = source;
        if (Corpus.Directory is null && !Corpus.InCi)
            Skip = "the BPMN conformance corpus (shared/conformance) is not next to this clone; in CI this fails";
    }

    /// <summary>The file in the corpus's <c>models/</c> folder.</summary>
    public string Model { get; }

    /// <summary>The source engine's test this one mirrors, e.g. <c>camunda SubProcessTest.testSimpleSubProcess</c>.</summary>
    public string Source { get; }
}
