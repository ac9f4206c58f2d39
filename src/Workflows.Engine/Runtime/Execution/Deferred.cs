using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>Why an activity stops before it completes.</summary>
internal enum InterruptReason { Escalation, Error, Terminate, Cancel, Signal }

/// <summary>Work a step finds while moving tokens that needs the store (loading a task or another instance).</summary>
internal sealed class Deferred
{
    public List<(InstanceContext Ic, Guid TaskId, FlowNode Node, InterruptReason Reason)> TaskCancellations { get; } = new();
    public List<Guid> ChildCancellations { get; } = new();
    public List<InstanceContext> EndedChildren { get; } = new();
    public List<UncaughtError> UncaughtErrors { get; } = new();
    public bool IsEmpty => TaskCancellations.Count == 0 && ChildCancellations.Count == 0 && EndedChildren.Count == 0 &&
                           UncaughtErrors.Count == 0;
}

/// <summary>A BPMN error nothing caught in a called instance: offered to the callers' call activities. When none
/// catches it, an error end event ends its path (<see cref="IncidentMessage"/> null) and a handler's error is an incident.</summary>
internal sealed record UncaughtError(InstanceContext Ic, Runtime.State.Token Token, FlowNode Node, string Code, string? IncidentMessage);
