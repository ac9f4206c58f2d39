namespace Workflows.Conformance.Tests;

/// <summary>
/// A run-level test of models of ours (in <c>Models/</c>) written after another engine's test of an element the shared
/// corpus has no model for (signals): it runs <see cref="Models"/> and asserts what <see cref="Source"/> asserts. Each
/// model says in a comment which source model it follows. Runs with or without the corpus.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OwnModelFactAttribute(string source, params string[] models) : FactAttribute
{
    /// <summary>The source engine's test this one mirrors, e.g. <c>camunda SignalEventTest.testSignalCatchIntermediate</c>.</summary>
    public string Source { get; } = source;

    /// <summary>Files under <c>Models/</c>, e.g. <c>Signals/catch-alert.bpmn</c>.</summary>
    public IReadOnlyList<string> Models { get; } = models;
}
