using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// What every activity shares: multi-instance (a token arriving at a multi-instance activity enters its body, and an
/// item's token leaving completes its item), and the boundary events attached to it, which listen while the token that
/// runs the activity (never an item's token) is there.
/// </summary>
internal abstract class ActivityBehavior<TNode>(Executor engine) : ElementBehavior<TNode>(engine) where TNode : Activity
{
    public override Task ArriveAsync(NodeExecution x, CancellationToken ct)
    {
        var activity = Node(x);
        if (activity.MultiInstance is not null && !IsItem(x, activity))
        {
            Engine.Registry.MultiInstance.EnterBody(x, activity);
            return Task.CompletedTask;
        }
        return base.ArriveAsync(x, ct);
    }

    public override void Leave(NodeExecution x)
    {
        var activity = Node(x);
        if (activity.MultiInstance is not null && IsItem(x, activity))
        {
            Engine.Registry.MultiInstance.CompleteItem(x, activity);
            return;
        }
        base.Leave(x);
    }

    /// <summary>Opens the boundary events when the token runs the activity itself; an item's token leaves them to the body's owner.</summary>
    protected void OpenBoundaryEvents(NodeExecution x, DateTimeOffset? due = null)
    {
        var activity = Node(x);
        if (!IsItem(x, activity)) Engine.OpenBoundaryEvents(x, activity, due, x.Now);
    }

    /// <summary>The boundary events listen again for the token that runs the activity, counted from when it entered.</summary>
    public override void Reopen(NodeExecution x, Reopening reopening)
    {
        var activity = Node(x);
        if (!IsItem(x, activity)) Engine.OpenBoundaryEvents(x, activity, reopening.Task?.DueAt, reopening.Since);
    }

    public override string? Incompatibility(FlowNode from, FlowNode to)
    {
        var source = As(from);
        var target = As(to);
        if ((source.MultiInstance is null) != (target.MultiInstance is null))
            return source.MultiInstance is null ? "the target is multi-instance and the source is not" : "the source is multi-instance and the target is not";
        if (source.MultiInstance is { } m && m.IsSequential != target.MultiInstance!.IsSequential)
            return "one is a sequential and the other a parallel multi-instance";
        return null;
    }

    protected static bool IsItem(NodeExecution x, Activity activity) => Executor.MultiInstanceItemScope(x.Instance, x.Token, activity) is not null;
}
