using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution.Subscriptions;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// A boundary event listens while its activity runs (the activity's token owns its subscription). When it fires, an
/// interrupting one stops the activity and takes its token along its own path; a non-interrupting one leaves the
/// activity running and sends a new token along (a reminder path), listening on if its event can come again.
/// </summary>
internal sealed class BoundaryEventBehavior(Executor engine) : ElementBehavior<BoundaryEvent>(engine)
{
    public override void Fired(NodeExecution x, Bookmark bookmark)
    {
        var boundary = Node(x);
        var subscription = Engine.Registry.For(boundary.Definition);
        subscription.Received(x, bookmark);
        var (_, ic, owner, _) = x;
        if (boundary.CancelActivity)
        {
            Engine.Interrupt(x.At(boundary.AttachedTo), subscription.Interrupts);
            owner.NodeId = boundary.Id;
            owner.ArrivedVia = null;
            owner.Status = TokenStatus.Ready;
            return;
        }
        var spawned = ic.NewToken(boundary.Id, owner.ScopeId);
        spawned.ArrivedVia = null;
        subscription.Rearm(x, boundary.Definition, bookmark);
    }

    public override string MigrationKind(FlowNode node) => $"{Subscription(node).Name} boundary event";

    public override string? Incompatibility(FlowNode from, FlowNode to) =>
        As(from).CancelActivity != As(to).CancelActivity ? "one boundary event interrupts and the other does not" : null;

    public override bool IsEventOf(FlowNode eventNode, FlowNode tokenNode) => As(eventNode).AttachedToRef == tokenNode.Id;

    public override string EventRequirement(FlowNode tokenNode) => $"it must be a boundary event of the same kind attached to '{tokenNode.Id}'";

    private EventSubscription Subscription(FlowNode node) => Engine.Registry.For(As(node).Definition);
}
