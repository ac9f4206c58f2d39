using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class Executor
{
    private void EnterSubProcess(StepContext ctx, InstanceContext ic, Token token, SubProcess node)
    {
        var scope = new ScopeState
        {
            Id = ic.State.NewId("s"), Kind = ScopeKind.SubProcess, NodeId = node.Id,
            ParentScopeId = token.ScopeId, OwnerTokenId = token.Id, Variables = Inputs(ic, token, node),
        };
        ic.State.Scopes.Add(scope);
        token.Status = TokenStatus.InScope;
        if (MultiInstanceItemScope(ic, token, node) is null) OpenBoundaryTimers(ctx, ic, token, node, null);
        foreach (var initial in node.InitialNodes) ic.NewToken(initial.Id, scope.Id); // the start event, or each node without incoming flow
    }

    /// <summary>When the last token of a scope has ended, the scope completes: its owner leaves the sub-process,
    /// or, at process level, the instance completes.</summary>
    private void CompleteScopeIfEmpty(StepContext ctx, InstanceContext ic, string? scopeId)
    {
        foreach (var t in ic.State.Tokens)
            if (t.ScopeId == scopeId) return;
        if (scopeId is null)
        {
            if (ic.State.Tokens.Count == 0) EndInstance(ctx, ic, InstanceStatus.Completed);
            return;
        }
        var scope = ic.FindScope(scopeId);
        if (scope is null || scope.Kind != ScopeKind.SubProcess) return;
        ic.State.Scopes.Remove(scope);
        var owner = ic.FindToken(scope.OwnerTokenId);
        if (owner is null) return;
        // The sub-process's own variables (its input mappings and locals) stay visible to its output mappings.
        owner.Locals = scope.Variables.Count > 0 ? scope.Variables : null;
        owner.Status = TokenStatus.Ready;
        Leave(ctx, ic, owner, ic.Process.GetNode(scope.NodeId));
    }

    internal void EndInstance(StepContext ctx, InstanceContext ic, InstanceStatus status, string? data = null)
    {
        ic.Instance.Status = status;
        ic.Instance.EndedAt = ctx.Now;
        ic.State.Scopes.Clear();
        var type = status switch
        {
            InstanceStatus.Completed => HistoryEventType.InstanceCompleted,
            InstanceStatus.Terminated => HistoryEventType.InstanceTerminated,
            _ => HistoryEventType.InstanceCancelled,
        };
        ctx.History(ic, type, ic.Process.Id, "process", data: data);
        if (ic.Instance.ParentInstanceId is not null && status != InstanceStatus.Cancelled)
            ctx.Deferred.EndedChildren.Add(ic);
    }

    /// <summary>Stops whatever a token is doing at its activity: its task, bookmarks, called instance, incident and inner scopes.</summary>
    internal void Interrupt(StepContext ctx, InstanceContext ic, Token token, FlowNode node, InterruptReason reason)
    {
        ClearBookmarks(ctx, token);
        if (token.TaskId is { } taskId)
        {
            ctx.Deferred.TaskCancellations.Add((ic, taskId, node, reason));
            token.TaskId = null;
        }
        if (token.ChildInstanceId is { } child)
        {
            ctx.Deferred.ChildCancellations.Add(child);
            token.ChildInstanceId = null;
        }
        ResolveIncident(ctx, ic, token, $"the activity was {(reason == InterruptReason.Cancel ? "cancelled" : "interrupted")} ({reason.ToString().ToLowerInvariant()})");
        token.Locals = null;
        foreach (var scope in ic.State.Scopes.Where(s => s.OwnerTokenId == token.Id).ToList())
            CancelScope(ctx, ic, scope, reason);
        token.Attempts = 0;
        ctx.History(ic, HistoryEventType.ActivityCancelled, node.Id, node.ElementType, token.Id, Json(new { reason = reason.ToString() }));
    }

    private void CancelScope(StepContext ctx, InstanceContext ic, ScopeState scope, InterruptReason reason)
    {
        foreach (var inner in ic.State.Tokens.Where(t => t.ScopeId == scope.Id).ToList())
            CancelToken(ctx, ic, inner, reason);
        foreach (var nested in ic.State.Scopes.Where(s => s.ParentScopeId == scope.Id).ToList())
            CancelScope(ctx, ic, nested, reason);
        ic.State.Scopes.Remove(scope);
    }

    internal void CancelToken(StepContext ctx, InstanceContext ic, Token token, InterruptReason reason)
    {
        Interrupt(ctx, ic, token, ic.Process.GetNode(token.NodeId), reason);
        ic.State.Tokens.Remove(token);
    }

    /// <summary>Cancels tasks and called instances found while interrupting, and resumes callers of ended children.</summary>
    private async Task<bool> FlushDeferredAsync(StepContext ctx, CancellationToken ct)
    {
        var deferred = ctx.Deferred;
        if (deferred.IsEmpty) return false;
        while (!deferred.IsEmpty)
        {
            foreach (var (ic, taskId, node, reason) in Drain(deferred.TaskCancellations))
            {
                var task = ctx.TryGetLoadedTask(taskId, out var loaded) ? loaded : await ctx.LoadTaskAsync(taskId, ct);
                if (!task.IsOpen) continue;
                task.Status = UserTaskStatus.Cancelled;
                ctx.TaskChanged(task);
                ctx.History(ic, HistoryEventType.TaskCancelled, task.ElementId, "userTask", task.TokenId,
                    Json(new { taskId, reason = reason.ToString() }));
                if (reason == InterruptReason.Escalation)
                    Notify(ctx, ic, NotificationKinds.TaskEscalated, ic.Process.GetNode(task.ElementId), task,
                        task.Assignee is { } a ? [a] : task.CandidateUsers,
                        task.Assignee is null ? task.CandidateGroups : Array.Empty<string>(), Array.Empty<string>(), due: task.DueAt);
            }
            foreach (var childId in Drain(deferred.ChildCancellations))
            {
                var child = await ctx.LoadInstanceAsync(childId, ct);
                if (child.Ended) continue;
                foreach (var t in child.State.Tokens.ToList()) CancelToken(ctx, child, t, InterruptReason.Cancel);
                EndInstance(ctx, child, InstanceStatus.Cancelled);
            }
            foreach (var child in Drain(deferred.EndedChildren))
                await ResumeCallerAsync(ctx, child, ct);
            foreach (var error in Drain(deferred.UncaughtErrors))
                await PropagateErrorAsync(ctx, error, ct);
        }
        return true;
    }

    private static List<T> Drain<T>(List<T> list)
    {
        var items = list.ToList();
        list.Clear();
        return items;
    }

    /// <summary>
    /// A BPMN error a called instance did not catch goes to its call activity in the caller, then up through the
    /// callers' callers (Camunda 7's rule). A catching boundary interrupts the call activity, which cancels the called
    /// instances below it. Caught nowhere: an error end event ends its path, a handler's error becomes an incident.
    /// </summary>
    private async Task PropagateErrorAsync(StepContext ctx, UncaughtError error, CancellationToken ct)
    {
        var child = error.Ic;
        while (child.Instance.ParentInstanceId is { } parentId && !child.Ended)
        {
            var parent = await ctx.LoadInstanceAsync(parentId, ct);
            var caller = child.Instance.ParentTokenId is { } tid ? parent.FindToken(tid) : null;
            if (parent.Ended || caller is null || caller.ChildInstanceId != child.Id) break;
            var callActivity = parent.Process.GetNode(caller.NodeId);
            ctx.History(parent, HistoryEventType.ErrorThrown, callActivity.Id, callActivity.ElementType, caller.Id,
                Json(new { errorCode = error.Code, from = child.Id }));
            if (ThrowError(ctx, parent, caller, callActivity, error.Code)) return;
            child = parent;
        }
        if (error.Ic.Ended || error.Ic.FindToken(error.Token.Id) is null) return;
        error.Token.Status = TokenStatus.Ready;
        if (error.IncidentMessage is { } message) RaiseIncident(ctx, error.Ic, error.Token, error.Node, message, null);
        else ConsumeToken(ctx, error.Ic, error.Token);
    }

    /// <summary>A called instance ended: copy its out-mappings into the caller and move the caller on.</summary>
    private async Task ResumeCallerAsync(StepContext ctx, InstanceContext child, CancellationToken ct)
    {
        var parent = await ctx.LoadInstanceAsync(child.Instance.ParentInstanceId!.Value, ct);
        var token = child.Instance.ParentTokenId is { } tid ? parent.FindToken(tid) : null;
        if (parent.Ended || token is null || token.ChildInstanceId != child.Id) return;
        var node = (CallActivity)parent.Process.GetNode(token.NodeId);
        var childView = new VariableView(child.State, null);
        var values = new List<(string, JsonNode?)>();
        if (node.OutAll)
            foreach (var (k, v) in child.State.Variables) values.Add((k, v?.DeepClone()));
        try
        {
            foreach (var mapping in node.OutMappings)
                values.Add((mapping.Target, MappedValue(mapping, childView, node)));
            foreach (var (name, value) in values) SetVariable(parent, token, name, value, node);
            token.ChildInstanceId = null;
            token.Status = TokenStatus.Ready;
            Leave(ctx, parent, token, node);
        }
        catch (NodeFailedException e)
        {
            RaiseIncident(ctx, parent, token, e.Node, e.Message, null);
        }
    }
}
