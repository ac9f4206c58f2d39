namespace Workflows.Engine.Runtime.State;

public enum HistoryEventType
{
    InstanceStarted, InstanceCompleted, InstanceTerminated, InstanceCancelled,
    ActivityEntered, ActivityLeft, ActivityCancelled,
    TaskCreated, TaskClaimed, TaskUnclaimed, TaskDelegated, TaskResolved, TaskReassigned, TaskCompleted, TaskCancelled,
    TimerFired, MessageCorrelated, ReminderFired, VariablesChanged,
    IncidentRaised, IncidentResolved, ServiceTaskFailed, ErrorThrown,
    InstanceMigrated,
    SignalThrown, SignalReceived,
    TokenMoved,
}

/// <summary>One line of an instance's history: what was entered or left, by whom, when, with what data.</summary>
public sealed class HistoryEntry
{
    /// <summary>Assigned by the store (0 until saved).</summary>
    public long Id { get; set; }
    public required Guid InstanceId { get; init; }
    public required HistoryEventType Event { get; init; }
    public string? ElementId { get; init; }
    public string? ElementType { get; init; }
    public string? TokenId { get; init; }
    public string? Actor { get; init; }
    public DateTimeOffset At { get; init; }
    /// <summary>JSON: variables submitted, the task id, the error, ...</summary>
    public string? Data { get; init; }
    /// <summary>Its place in the instance's history chain (1, 2, ...; assigned by the store; 0 for rows written before chaining).</summary>
    public long Sequence { get; set; }
    /// <summary>The hash of the previous entry of the instance ("" for the first).</summary>
    public string PreviousHash { get; set; } = "";
    /// <summary><see cref="HistoryChain.HashOf"/> this entry.</summary>
    public string Hash { get; set; } = "";
    /// <summary>On the last entry a step wrote for the instance: the record seal's signature over the chain's head there.</summary>
    public string? Signature { get; set; }
}
