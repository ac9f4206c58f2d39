namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>What a cycle's timer bookmark remembers: the repetitions left (-1: unbounded) and the interval.</summary>
internal sealed record CycleData(int? Remaining, string? Interval);
