using System.Diagnostics;

namespace Workflows.Bench.Measurement;

/// <summary>Durations of one operation, recorded by many clients at once; percentiles in milliseconds.</summary>
public sealed class Latencies(string operation)
{
    private readonly List<double> _milliseconds = new();

    public string Operation => operation;
    public int Count { get { lock (_milliseconds) return _milliseconds.Count; } }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds) _milliseconds.Add(elapsed.TotalMilliseconds);
    }

    /// <summary>Runs and times the call.</summary>
    public async Task<T> TimeAsync<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        Add(Stopwatch.GetElapsedTime(start));
        return result;
    }

    public async Task TimeAsync(Func<Task> call)
    {
        var start = Stopwatch.GetTimestamp();
        await call();
        Add(Stopwatch.GetElapsedTime(start));
    }

    public LatencySummary Summary()
    {
        double[] sorted;
        lock (_milliseconds) sorted = _milliseconds.Order().ToArray();
        if (sorted.Length == 0) return new LatencySummary(operation, 0, 0, 0, 0);
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new LatencySummary(operation, sorted.Length, Math.Round(At(0.50), 2), Math.Round(At(0.99), 2), Math.Round(sorted[^1], 2));
    }
}

/// <summary>p50, p99 and max of one operation, in milliseconds.</summary>
public sealed record LatencySummary(string Operation, int Count, double P50, double P99, double Max)
{
    public override string ToString() => $"{Operation,-9} p50 {P50,7:F2} ms  p99 {P99,8:F2} ms  max {Max,8:F2} ms";
}
