namespace Workflows.Engine.Runtime.State;

public enum BookmarkKind
{
    /// <summary>A BPMN timer (intermediate, boundary or start); DueAt set.</summary>
    Timer = 0,
    /// <summary>A message subscription (intermediate or event-gateway catch); MessageName and CorrelationKey set.</summary>
    Message = 1,
    /// <summary>A reminder before a user task's due date; DueAt set; fires a notification only.</summary>
    Reminder = 2,
    /// <summary>A service task waiting to be retried after a failure; DueAt set.</summary>
    Retry = 3,
    /// <summary>A signal subscription (intermediate, event-gateway or boundary catch); MessageName holds the signal's name.</summary>
    Signal = 4,
}

/// <summary>
/// Something an instance waits for, other than a user task (which is its own bookmark). Rows are the durable
/// truth: a timer trigger in the scheduler is keyed by the bookmark id and does nothing when the row is gone.
/// </summary>
public sealed class Bookmark
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string TokenId { get; init; }
    /// <summary>The node whose event this is (the boundary event, catch event or task).</summary>
    public required string ElementId { get; init; }
    public required BookmarkKind Kind { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>The name of the message or signal a subscription waits for.</summary>
    public string? MessageName { get; init; }
    public string? CorrelationKey { get; init; }
    /// <summary>Kind-specific data as JSON (remaining cycle repetitions, the reminder's task id and offset, ...).</summary>
    public string? Data { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
