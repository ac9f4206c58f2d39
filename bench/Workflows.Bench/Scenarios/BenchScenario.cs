using Workflows.Engine.Contracts;

namespace Workflows.Bench.Scenarios;

/// <summary>A process the benchmark drives to its end: the BPMN, and how to push one instance through it.</summary>
public abstract class BenchScenario
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract string Bpmn { get; }
    public abstract string ProcessId { get; }
    /// <summary>Commands (start + each task completion) one instance takes: the "steps" counted per instance.</summary>
    public abstract int StepsPerInstance { get; }

    /// <summary>Starts one instance and completes its tasks until it ends. Returns the number of steps it took.</summary>
    public abstract Task<int> RunInstanceAsync(IWorkflowRuntime runtime, Engine.Runtime.IWorkflowStore store, int index);

    public static readonly Actor Manager = new("bench-manager", ["tech-manager"], IsAdministrator: true);
}
