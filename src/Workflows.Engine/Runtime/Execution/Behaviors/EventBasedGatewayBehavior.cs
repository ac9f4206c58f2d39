using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>An event-based gateway: its token waits on the events after it at once; the first to fire takes it
/// (see <see cref="IntermediateCatchEventBehavior"/>).</summary>
internal sealed class EventBasedGatewayBehavior(Executor engine) : ElementBehavior<EventBasedGateway>(engine)
{
    protected override void Enter(NodeExecution x)
    {
        x.Token.Status = TokenStatus.Waiting;
        SubscribeAll(x, x.Now);
    }

    public override void Reopen(NodeExecution x, Reopening reopening)
    {
        if (x.Token.Status == TokenStatus.Waiting) SubscribeAll(x, reopening.Since);
    }

    public override string WaitKind(FlowNode node) => "eventGateway";

    private void SubscribeAll(NodeExecution x, DateTimeOffset since)
    {
        foreach (var flow in x.Node.Outgoing)
            Engine.Registry.For(flow.Target).Subscribe(x.At(flow.Target), since);
    }
}
