namespace Workflows.Engine.Contracts;

/// <summary>
/// Moves a token of a running instance: the activity it is at is cancelled (its task, timers, called instance and
/// incident with it) and a token starts at <see cref="ToElementId"/> in the same scope, as Camunda's process instance
/// modification does (cancel an activity instance, start before another activity).
/// </summary>
public sealed record TokenMoveRequest
{
    public required Guid InstanceId { get; init; }
    /// <summary>The activity the token is at (enough when one token is there).</summary>
    public string? FromElementId { get; init; }
    /// <summary>The token to move, when several are at the same activity (parallel paths, multi-instance items).</summary>
    public string? TokenId { get; init; }
    public required string ToElementId { get; init; }
    public string? Reason { get; init; }
}
