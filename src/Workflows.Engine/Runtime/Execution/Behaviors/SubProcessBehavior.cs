using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// An embedded sub-process: its token waits in a scope of its own (holding the input mappings as its variables) while
/// tokens run inside, from its start event or each node without an incoming flow; it leaves when the last of them ends.
/// </summary>
internal sealed class SubProcessBehavior(Executor engine) : ActivityBehavior<SubProcess>(engine)
{
    protected override bool InputsAreTokenLocals => false;

    protected override void Enter(NodeExecution x)
    {
        var (_, ic, token, node) = (x.Step, x.Instance, x.Token, Node(x));
        var scope = new ScopeState
        {
            Id = ic.State.NewId("s"), Kind = ScopeKind.SubProcess, NodeId = node.Id,
            ParentScopeId = token.ScopeId, OwnerTokenId = token.Id, Variables = Engine.Inputs(x),
        };
        ic.State.Scopes.Add(scope);
        token.Status = TokenStatus.InScope;
        OpenBoundaryEvents(x);
        foreach (var initial in node.InitialNodes) ic.NewToken(initial.Id, scope.Id); // the start event, or each node without incoming flow
    }
}
