using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>
/// BPMN errors: thrown by an error end event or a handler's <c>BpmnErrorException</c>, caught by the nearest boundary
/// error event for the code, from the throwing activity outwards through its enclosing sub-processes, then in the
/// callers (Camunda 7's rule). An error boundary opens no bookmark: it is found when an error is thrown.
/// </summary>
internal sealed class ErrorSubscription(Executor engine) : EventSubscription<ErrorEventDefinition>(engine)
{
    public override string Name => "error";

    public override InterruptReason Interrupts => InterruptReason.Error;

    protected override void Open(NodeExecution x, ErrorEventDefinition definition, VariableView view, DateTimeOffset since)
    {
        // Nothing to wait on: a thrown error looks for its boundary event.
    }

    protected override Task EndAsync(NodeExecution x, ErrorEventDefinition error, CancellationToken ct)
    {
        var (ctx, ic, token, end) = x;
        x.History(HistoryEventType.ErrorThrown, Executor.Json(new { error.ErrorCode }));
        if (Throw(x, error.ErrorCode ?? "")) return Task.CompletedTask;
        if (ic.Instance.ParentInstanceId is not null)
        {
            // Not caught in this process: the caller's call activity (and its callers) may catch it.
            token.Status = TokenStatus.Waiting;
            ctx.Deferred.UncaughtErrors.Add(new UncaughtError(ic, token, end, error.ErrorCode ?? "", null));
        }
        else Engine.ConsumeToken(ctx, ic, token); // uncaught: ends like a none end event (Camunda 7's rule)
        return Task.CompletedTask;
    }

    /// <summary>
    /// Finds the nearest boundary error event for the code, from the execution's node outwards through its enclosing
    /// sub-processes; interrupts what it is attached to and follows it. False when nothing in this instance catches it.
    /// </summary>
    internal bool Throw(NodeExecution x, string code)
    {
        var (ctx, ic, current, node) = x;
        while (true)
        {
            if (node is Activity activity)
            {
                var handler = activity.BoundaryEvents.FirstOrDefault(b => b.Definition is ErrorEventDefinition e && e.ErrorCode == code)
                              ?? activity.BoundaryEvents.FirstOrDefault(b => b.Definition is ErrorEventDefinition { ErrorCode: null });
                if (handler is not null)
                {
                    var owner = BoundaryOwner(ic, current, activity);
                    Engine.Interrupt(new NodeExecution(ctx, ic, owner, activity), InterruptReason.Error);
                    owner.NodeId = handler.Id;
                    owner.ArrivedVia = null;
                    owner.Status = TokenStatus.Ready;
                    return true;
                }
            }
            var scope = ic.FindScope(current.ScopeId);
            if (scope is null) return false;
            current = ic.FindToken(scope.OwnerTokenId)!;
            node = ic.Process.GetNode(scope.NodeId);
        }
    }

    /// <summary>
    /// A BPMN error a called instance did not catch goes to its call activity in the caller, then up through the
    /// callers' callers (Camunda 7's rule). A catching boundary interrupts the call activity, which cancels the called
    /// instances below it. Caught nowhere: an error end event ends its path, a handler's error becomes an incident.
    /// </summary>
    internal async Task PropagateAsync(StepContext ctx, UncaughtError error, CancellationToken ct)
    {
        var child = error.Ic;
        while (child.Instance.ParentInstanceId is { } parentId && !child.Ended)
        {
            var parent = await ctx.LoadInstanceAsync(parentId, ct);
            var caller = child.Instance.ParentTokenId is { } tid ? parent.FindToken(tid) : null;
            if (parent.Ended || caller is null || caller.ChildInstanceId != child.Id) break;
            var callActivity = new NodeExecution(ctx, parent, caller, parent.Process.GetNode(caller.NodeId));
            callActivity.History(HistoryEventType.ErrorThrown, Executor.Json(new { errorCode = error.Code, from = child.Id }));
            if (Throw(callActivity, error.Code)) return;
            child = parent;
        }
        if (error.Ic.Ended || error.Ic.FindToken(error.Token.Id) is null) return;
        error.Token.Status = TokenStatus.Ready;
        if (error.IncidentMessage is { } message) Engine.RaiseIncident(new NodeExecution(ctx, error.Ic, error.Token, error.Node), message, null);
        else Engine.ConsumeToken(ctx, error.Ic, error.Token);
    }

    /// <summary>The token a boundary event of the activity belongs to: the multi-instance body's owner for an item.</summary>
    private static Token BoundaryOwner(InstanceContext ic, Token token, Activity activity)
    {
        var item = Executor.MultiInstanceItemScope(ic, token, activity);
        if (item is null) return token;
        var body = ic.FindScope(item.ParentScopeId)!;
        return ic.FindToken(body.OwnerTokenId)!;
    }
}
