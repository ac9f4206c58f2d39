namespace Workflows.Bench;

/// <summary>One scenario's figures, as printed in the last JSON line.</summary>
public sealed record BenchResult(
    string Scenario,
    int Instances,
    int Steps,
    double InstancesPerSecond,
    double StepsPerSecond,
    double BaselineStepsPerSecond,
    double Ratio,
    double InMemoryInstancesPerSecond,
    double InMemoryStepsPerSecond);
