using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>Why an activity stops before it completes.</summary>
internal enum InterruptReason { Escalation, Error, Terminate, Cancel }

/// <summary>Work a step finds while moving tokens that needs the store (loading a task or another instance).</summary>
internal sealed class Deferred
{
    public List<(InstanceContext Ic, Guid TaskId, FlowNode Node, InterruptReason Reason)> TaskCancellations { get; } = new();
    public List<Guid> ChildCancellations { get; } = new();
    public List<InstanceContext> EndedChildren { get; } = new();
    public bool IsEmpty => TaskCancellations.Count == 0 && ChildCancellations.Count == 0 && EndedChildren.Count == 0;
}
