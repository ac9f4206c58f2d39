using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>Scopes and their ends: a scope completes when its last token ends; interruptions and cancellations stop
/// whatever a token does; work that needs the store (tasks, called instances, callers) is flushed between rounds.</summary>
internal sealed partial class Executor
{
    /// <summary>When the last token of a scope has ended, the scope completes: its owner leaves the sub-process,
    /// or, at process level, the instance completes.</summary>
    internal void CompleteScopeIfEmpty(StepContext ctx, InstanceContext ic, string? scopeId)
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
        Leave(new NodeExecution(ctx, ic, owner, ic.Process.GetNode(scope.NodeId)));
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

    /// <summary>Stops whatever a token is doing at its activity (the execution's node): its task, bookmarks, called
    /// instance, incident and inner scopes.</summary>
    internal void Interrupt(NodeExecution x, InterruptReason reason)
    {
        var (ctx, ic, token, _) = x;
        ClearBookmarks(ctx, token);
        if (token.TaskId is { } taskId)
        {
            ctx.Deferred.TaskCancellations.Add((ic, taskId, x.Node, reason));
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
        x.History(HistoryEventType.ActivityCancelled, Json(new { reason = reason.ToString() }));
    }

    internal void CancelScope(StepContext ctx, InstanceContext ic, ScopeState scope, InterruptReason reason)
    {
        foreach (var inner in ic.State.Tokens.Where(t => t.ScopeId == scope.Id).ToList())
            CancelToken(ctx, ic, inner, reason);
        foreach (var nested in ic.State.Scopes.Where(s => s.ParentScopeId == scope.Id).ToList())
            CancelScope(ctx, ic, nested, reason);
        ic.State.Scopes.Remove(scope);
    }

    internal void CancelToken(StepContext ctx, InstanceContext ic, Token token, InterruptReason reason)
    {
        Interrupt(new NodeExecution(ctx, ic, token, ic.Process.GetNode(token.NodeId)), reason);
        ic.State.Tokens.Remove(token);
    }

    /// <summary>Cancels tasks and called instances found while interrupting, resumes callers of ended children, and
    /// offers uncaught errors to the callers.</summary>
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
                await Registry.CallActivities.ResumeCallerAsync(ctx, child, ct);
            foreach (var error in Drain(deferred.UncaughtErrors))
                await Registry.Error.PropagateAsync(ctx, error, ct);
        }
        return true;
    }

    private static List<T> Drain<T>(List<T> list)
    {
        var items = list.ToList();
        list.Clear();
        return items;
    }
}
