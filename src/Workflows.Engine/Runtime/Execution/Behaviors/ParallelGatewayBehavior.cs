using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>A parallel gateway forks along every outgoing flow and, with several incoming flows, joins: it fires when a
/// token has arrived on every incoming flow; extra arrivals wait for the next round.</summary>
internal sealed class ParallelGatewayBehavior(Executor engine) : ElementBehavior<ParallelGateway>(engine)
{
    protected override void Enter(NodeExecution x)
    {
        var (_, ic, arrived, gateway) = x;
        if (gateway.Incoming.Count <= 1)
        {
            Engine.Leave(x);
            return;
        }
        arrived.Status = TokenStatus.Joining;
        var chosen = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var t in ic.State.Tokens)
            if (t.Status == TokenStatus.Joining && t.NodeId == gateway.Id && t.ScopeId == arrived.ScopeId && t.ArrivedVia is { } via)
                chosen.TryAdd(via, t);
        if (gateway.Incoming.Any(f => !chosen.ContainsKey(f.Id))) return;

        var survivor = chosen.Values.First();
        foreach (var t in chosen.Values)
            if (!ReferenceEquals(t, survivor)) ic.State.Tokens.Remove(t);
        survivor.Status = TokenStatus.Ready;
        Engine.Leave(x.Of(survivor));
    }

    public override IReadOnlyList<SequenceFlow> SelectOutgoing(NodeExecution x) => x.Node.Outgoing;
}
