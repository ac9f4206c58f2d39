using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// An inclusive gateway forks along every flow whose condition holds and, with several incoming flows, joins: the
/// join fires when no other token of its scope can still reach it (the BPMN rule), decided when nothing else can
/// move, merging the waiting tokens into one.
/// </summary>
internal sealed class InclusiveGatewayBehavior(Executor engine) : ElementBehavior<InclusiveGateway>(engine)
{
    protected override void Enter(NodeExecution x)
    {
        if (x.Node.Incoming.Count <= 1) Engine.Leave(x);
        else x.Token.Status = TokenStatus.Joining;
    }

    public override bool TrySettle(NodeExecution x)
    {
        var (_, ic, waiting, gateway) = x;
        var blocked = ic.State.Tokens.Any(t =>
            t.ScopeId == waiting.ScopeId && !(t.Status == TokenStatus.Joining && t.NodeId == gateway.Id) &&
            ic.Graph.CanReach(t.NodeId, gateway.Id));
        if (blocked) return false;
        foreach (var t in ic.State.Tokens.Where(t => !ReferenceEquals(t, waiting) && t.Status == TokenStatus.Joining &&
                                                     t.NodeId == gateway.Id && t.ScopeId == waiting.ScopeId).ToList())
            ic.State.Tokens.Remove(t);
        waiting.Status = TokenStatus.Ready;
        Engine.LeaveOrRaiseIncident(x);
        return true;
    }
}
