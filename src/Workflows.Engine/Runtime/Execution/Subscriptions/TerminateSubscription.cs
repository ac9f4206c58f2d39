using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>Terminate, thrown only by an end event: every token of its scope ends (the whole instance at process level).</summary>
internal sealed class TerminateSubscription(Executor engine) : EventSubscription<TerminateEventDefinition>(engine)
{
    public override string Name => "terminate";

    protected override void Open(NodeExecution x, TerminateEventDefinition definition, VariableView view, DateTimeOffset since)
    {
        // Nothing waits for a terminate event.
    }

    protected override Task EndAsync(NodeExecution x, TerminateEventDefinition definition, CancellationToken ct)
    {
        var (ctx, ic, token, _) = x;
        var scopeId = token.ScopeId;
        ic.State.Tokens.Remove(token);
        foreach (var other in ic.State.Tokens.Where(t => t.ScopeId == scopeId).ToList())
            Engine.CancelToken(ctx, ic, other, InterruptReason.Terminate);
        if (scopeId is null) Engine.EndInstance(ctx, ic, InstanceStatus.Terminated);
        else Engine.CompleteScopeIfEmpty(ctx, ic, scopeId);
        return Task.CompletedTask;
    }
}
