using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution.Subscriptions;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// An intermediate catch event: its token waits on the subscription of its event definition. After an event-based
/// gateway the gateway's token owns the subscriptions of all its events, and the first to fire takes it.
/// </summary>
internal sealed class IntermediateCatchEventBehavior(Executor engine) : ElementBehavior<IntermediateCatchEvent>(engine)
{
    protected override void Enter(NodeExecution x)
    {
        x.Token.Status = TokenStatus.Waiting;
        Subscribe(x, x.Now);
    }

    public override void Subscribe(NodeExecution x, DateTimeOffset since)
    {
        var definition = Node(x).Definition;
        Engine.Registry.For(definition).Open(x, definition, Engine.View(x.Instance, x.Token), since);
    }

    /// <summary>The event happened: at an event-based gateway the other events are withdrawn and the token leaves through this one.</summary>
    public override void Fired(NodeExecution x, Bookmark bookmark)
    {
        Engine.Registry.For(Node(x).Definition).Received(x, bookmark);
        var (ctx, ic, token, catchNode) = x;
        if (token.NodeId != catchNode.Id)
        {
            // The token waits at an event-based gateway: leave it through the event that won the race.
            var gateway = ic.Process.GetNode(token.NodeId);
            Executor.ClearBookmarks(ctx, token);
            x.At(gateway).History(HistoryEventType.ActivityLeft);
            token.NodeId = catchNode.Id;
            token.ArrivedVia = gateway.Outgoing.FirstOrDefault(f => f.TargetRef == catchNode.Id)?.Id;
            x.History(HistoryEventType.ActivityEntered);
            Engine.EnterLocals(x); // the event that won has its own input mappings
        }
        token.Status = TokenStatus.Ready;
        Engine.Leave(x);
    }

    public override void Reopen(NodeExecution x, Reopening reopening)
    {
        if (x.Token.Status == TokenStatus.Waiting) Subscribe(x, reopening.Since);
    }

    public override string WaitKind(FlowNode node) => Subscription(node).Name;

    public override string MigrationKind(FlowNode node) => $"{Subscription(node).Name} catch event";

    private EventSubscription Subscription(FlowNode node) => Engine.Registry.For(As(node).Definition);
}
