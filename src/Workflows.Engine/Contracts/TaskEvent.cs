namespace Workflows.Engine.Contracts;

/// <summary>
/// A user task changed hands: reassigned or delegated (see <see cref="TaskEventKinds"/>). The engine writes it to the
/// outbox in the step's own transaction; the host hands it to every <see cref="ITaskEventListener"/> after the commit, at
/// least once (<see cref="EventId"/> is stable, so a listener can ignore a repeat). The engine says which task of which
/// instance and business key; what that means (a case, its evidence) is the listener's business.
/// </summary>
public sealed record TaskEvent
{
    public required string Kind { get; init; }
    public required Guid EventId { get; init; }
    public required Guid TaskId { get; init; }
    public string? TaskName { get; init; }
    public required string ElementId { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ProcessId { get; init; }
    public string? BusinessKey { get; init; }
    /// <summary>Who did it.</summary>
    public required string Actor { get; init; }
    /// <summary>The assignee before (null: the task was unassigned).</summary>
    public string? From { get; init; }
    /// <summary>The assignee after (null: back to the candidates).</summary>
    public string? To { get; init; }
    public required DateTimeOffset At { get; init; }
}

public static class TaskEventKinds
{
    public const string Reassigned = "task-reassigned";
    public const string Delegated = "task-delegated";
}

/// <summary>Told of every <see cref="TaskEvent"/> (registered with the host's services, as service-task handlers are).</summary>
public interface ITaskEventListener
{
    Task OnTaskEventAsync(TaskEvent taskEvent, CancellationToken ct);
}
