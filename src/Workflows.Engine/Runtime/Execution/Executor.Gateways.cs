using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class Executor
{
    private void ArriveAtGateway(StepContext ctx, InstanceContext ic, Token token, FlowNode gateway)
    {
        if (gateway is ExclusiveGateway || gateway.Incoming.Count <= 1)
        {
            Leave(ctx, ic, token, gateway);
            return;
        }
        token.Status = TokenStatus.Joining;
        if (gateway is ParallelGateway) TryJoinParallel(ctx, ic, token, gateway);
        // Inclusive joins are decided when nothing else can move (TryFireInclusiveJoins).
    }

    /// <summary>A parallel join fires when a token has arrived on every incoming flow; extra arrivals wait for the next round.</summary>
    private void TryJoinParallel(StepContext ctx, InstanceContext ic, Token arrived, FlowNode gateway)
    {
        var chosen = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var t in ic.State.Tokens)
            if (t.Status == TokenStatus.Joining && t.NodeId == gateway.Id && t.ScopeId == arrived.ScopeId && t.ArrivedVia is { } via)
                chosen.TryAdd(via, t);
        if (gateway.Incoming.Any(f => !chosen.ContainsKey(f.Id))) return;

        var survivor = chosen.Values.First();
        foreach (var t in chosen.Values)
            if (!ReferenceEquals(t, survivor)) ic.State.Tokens.Remove(t);
        survivor.Status = TokenStatus.Ready;
        Leave(ctx, ic, survivor, gateway);
    }

    /// <summary>
    /// Fires every inclusive join whose scope has no other token that could still reach it (the BPMN rule),
    /// merging the waiting tokens into one.
    /// </summary>
    private bool TryFireInclusiveJoins(StepContext ctx, InstanceContext ic)
    {
        var fired = false;
        foreach (var waiting in ic.State.Tokens.Where(t => t.Status == TokenStatus.Joining).ToList())
        {
            if (!ic.State.Tokens.Contains(waiting)) continue;
            if (ic.Process.GetNode(waiting.NodeId) is not InclusiveGateway gateway) continue;
            var blocked = ic.State.Tokens.Any(t =>
                t.ScopeId == waiting.ScopeId && !(t.Status == TokenStatus.Joining && t.NodeId == gateway.Id) &&
                ic.Graph.CanReach(t.NodeId, gateway.Id));
            if (blocked) continue;
            foreach (var t in ic.State.Tokens.Where(t => !ReferenceEquals(t, waiting) && t.Status == TokenStatus.Joining &&
                                                         t.NodeId == gateway.Id && t.ScopeId == waiting.ScopeId).ToList())
                ic.State.Tokens.Remove(t);
            waiting.Status = TokenStatus.Ready;
            LeaveOrRaiseIncident(ctx, ic, waiting, gateway);
            fired = true;
        }
        return fired;
    }

    private void WaitAtEventGateway(StepContext ctx, InstanceContext ic, Token token, EventBasedGateway gateway)
    {
        token.Status = TokenStatus.Waiting;
        foreach (var flow in gateway.Outgoing)
            if (flow.Target is IntermediateCatchEvent catchEvent)
                OpenCatch(ctx, ic, token, catchEvent);
    }
}
