using Workflows.Bench.Measurement;

namespace Workflows.Bench.Concurrency;

/// <summary>
/// Throughput and latencies of scenario (a) with some clients at once, beside the bare baseline run by as many clients;
/// <see cref="Ratio"/> = engine cost per step / baseline cost per step.
/// </summary>
public sealed record ConcurrencyFigure(
    string Store, string Mode, int Clients, int Instances, double InstancesPerSecond, double StepsPerSecond, double StepsPerCommit,
    IReadOnlyList<LatencySummary> Operations, double BaselineStepsPerSecond, LatencySummary Baseline)
{
    public double Ratio => Math.Round(BaselineStepsPerSecond / StepsPerSecond, 2);

    public void Print()
    {
        Console.WriteLine($"{Store,-10} {Mode,-10} {Clients,3} clients: {InstancesPerSecond,8:F0} instances/s {StepsPerSecond,8:F0} steps/s" +
                          (StepsPerCommit > 0 ? $" ({StepsPerCommit:F1} steps/commit)" : "") +
                          $"; baseline {BaselineStepsPerSecond,8:F0} steps/s; ratio {Ratio:F2}");
        foreach (var operation in Operations) Console.WriteLine($"    {operation}");
        Console.WriteLine($"    {Baseline}");
    }
}
