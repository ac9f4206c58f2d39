namespace WorkflowHost.Tests;

/// <summary>Tests that run after the parallel ones, one at a time, with nothing else in the process.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "Runs alone";
}
