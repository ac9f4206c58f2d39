using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Execution;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime;

/// <summary>The user-task lifecycle: claim, unclaim, delegate, resolve, reassign, complete.</summary>
public sealed partial class WorkflowRuntime
{
    public Task CompleteTaskAsync(Guid taskId, Actor actor, JsonObject? variables, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            var task = await OpenTaskAsync(ctx, taskId, ct, withInstance: true);
            if (task.Status == UserTaskStatus.Delegated && task.Assignee == actor.UserId)
                throw new InvalidOperationWorkflowException($"Task {taskId} was delegated to you: resolve it, so that it returns to {task.Owner}.");
            if (!MayWorkOn(task, actor))
                throw new ForbiddenException($"{actor.UserId} may not complete task {taskId}: it is {(task.Assignee is null ? "for its candidates" : $"assigned to {task.Assignee}")}.");

            var ic = await ctx.LoadInstanceAsync(task.InstanceId, ct);
            var token = ic.FindToken(task.TokenId);
            if (ic.Ended || token is null || token.TaskId != task.Id)
                throw new ConcurrencyConflictException($"Task {taskId} is no longer waiting: its instance moved on.");

            task.Status = UserTaskStatus.Completed;
            task.Assignee ??= actor.UserId;
            task.CompletedAt = ctx.Now;
            task.CompletedBy = actor.UserId;
            task.Result = (JsonObject?)variables?.DeepClone();
            ctx.TaskChanged(task);
            var node = (Activity)ic.Process.GetNode(task.ElementId);
            ctx.History(ic, HistoryEventType.TaskCompleted, node.Id, node.ElementType, token.Id,
                HistoryData.Start().Add("taskId", taskId).Add("variables", variables).ToJson());

            if (variables is not null)
            {
                // A multi-instance item that collects results keeps what its completer said to itself (one vote each);
                // otherwise variables go where they live, as in Camunda.
                var item = Executor.MultiInstanceItemScope(ic, token, node);
                foreach (var (name, value) in variables)
                {
                    if (item is not null && node.MultiInstance!.OutputCollection is not null)
                    {
                        _executor.CheckSize(name, value, null);
                        item.Variables[name] = value?.DeepClone();
                    }
                    else _executor.SetVariable(ic, token, name, value?.DeepClone());
                }
            }
            token.Status = TokenStatus.Ready;
            _executor.LeaveOrRaiseIncident(new NodeExecution(ctx, ic, token, node));
            await _executor.RunAsync(ctx, ct);
            return true;
        }, ct);

    public Task ClaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskClaimed, task =>
        {
            if (task.Assignee == actor.UserId) return false;
            if (task.Assignee is not null)
                throw new ConcurrencyConflictException($"Task {taskId} is already claimed by {task.Assignee}.");
            if (!actor.IsAdministrator && !IsCandidate(task, actor))
                throw new ForbiddenException($"{actor.UserId} is not a candidate for task {taskId}.");
            task.Assignee = actor.UserId;
            task.Status = UserTaskStatus.Claimed;
            return true;
        }, ct);

    public Task UnclaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskUnclaimed, task =>
        {
            if (task.Assignee is null) return false;
            if (task.Assignee != actor.UserId && !actor.IsAdministrator)
                throw new ForbiddenException($"Only {task.Assignee} or an administrator may give task {taskId} back.");
            task.Assignee = null;
            task.Owner = null;
            task.Status = UserTaskStatus.Created;
            return true;
        }, ct);

    public Task DelegateTaskAsync(Guid taskId, Actor actor, string delegateUserId, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskDelegated, task =>
        {
            if (string.IsNullOrWhiteSpace(delegateUserId)) throw new InvalidOperationWorkflowException("A delegate must be named.");
            if (task.Assignee != actor.UserId && !actor.IsAdministrator)
                throw new ForbiddenException($"Only the assignee of task {taskId} may delegate it.");
            task.Owner = task.Assignee ?? actor.UserId;
            task.Assignee = delegateUserId;
            task.Status = UserTaskStatus.Delegated;
            return true;
        }, ct, notifyAssignee: true);

    public Task ResolveTaskAsync(Guid taskId, Actor actor, JsonObject? variables, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            var task = await OpenTaskAsync(ctx, taskId, ct, withInstance: true);
            if (task.Status != UserTaskStatus.Delegated) throw new InvalidOperationWorkflowException($"Task {taskId} is not delegated.");
            if (task.Assignee != actor.UserId && !actor.IsAdministrator)
                throw new ForbiddenException($"Only the delegate {task.Assignee} may resolve task {taskId}.");
            var ic = await ctx.LoadInstanceAsync(task.InstanceId, ct);
            var token = ic.FindToken(task.TokenId);
            if (variables is not null && token is not null)
                foreach (var (k, v) in variables) _executor.SetVariable(ic, token, k, v?.DeepClone());
            task.Assignee = task.Owner;
            task.Owner = null;
            task.Status = UserTaskStatus.Claimed;
            ctx.TaskChanged(task);
            ctx.History(ic, HistoryEventType.TaskResolved, task.ElementId, "userTask", task.TokenId,
                HistoryData.Start().Add("taskId", taskId).Add("returnedTo", task.Assignee).Add("variables", variables).ToJson());
            return true;
        }, ct);

    public Task ReassignTaskAsync(Guid taskId, Actor actor, string? newAssignee, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskReassigned, task =>
        {
            if (!actor.IsAdministrator && task.Assignee != actor.UserId)
                throw new ForbiddenException($"Only an administrator or the assignee may reassign task {taskId}.");
            task.Assignee = string.IsNullOrWhiteSpace(newAssignee) ? null : newAssignee;
            task.Owner = null;
            task.Status = task.Assignee is null ? UserTaskStatus.Created : UserTaskStatus.Claimed;
            return true;
        }, ct, notifyAssignee: true);

    /// <summary>A step that changes only the task row (and writes history): guarded by the task's version.</summary>
    private Task TaskStepAsync(Guid taskId, Actor actor, HistoryEventType type, Func<UserTaskRecord, bool> change,
        CancellationToken ct, bool notifyAssignee = false) =>
        StepAsync(actor.UserId, async ctx =>
        {
            var task = await OpenTaskAsync(ctx, taskId, ct, withInstance: notifyAssignee);
            if (!change(task)) return false;
            ctx.TaskChanged(task);
            ctx.Changes.History.Add(new HistoryEntry
            {
                InstanceId = task.InstanceId, Event = type, ElementId = task.ElementId, ElementType = "userTask",
                TokenId = task.TokenId, Actor = actor.UserId, At = ctx.Now,
                Data = HistoryData.Start().Add("taskId", taskId).Add("assignee", task.Assignee).Add("owner", task.Owner).ToJson(),
            });
            if (notifyAssignee && task.Assignee is { } assignee)
            {
                var ic = await ctx.LoadInstanceAsync(task.InstanceId, ct);
                _executor.Notify(ctx, ic, NotificationKinds.TaskAssigned, ic.Process.GetNode(task.ElementId), task,
                    [assignee], Array.Empty<string>(), Array.Empty<string>(), due: task.DueAt);
                ctx.Changes.ExpectedVersions.Remove(ic.Id); // the instance itself is not changed
                ctx.Forget(ic.Id);
            }
            return true;
        }, ct);

    private static async Task<UserTaskRecord> OpenTaskAsync(StepContext ctx, Guid taskId, CancellationToken ct, bool withInstance = false)
    {
        var task = withInstance ? await ctx.LoadTaskWithInstanceAsync(taskId, ct) : await ctx.LoadTaskAsync(taskId, ct);
        if (!task.IsOpen)
            throw new ConcurrencyConflictException($"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}" +
                                                   (task.CompletedBy is { } by ? $" by {by}." : "."));
        return task;
    }

    private static bool MayWorkOn(UserTaskRecord task, Actor actor) =>
        actor.IsAdministrator || task.Assignee == actor.UserId || (task.Assignee is null && IsCandidate(task, actor));

    private static bool IsCandidate(UserTaskRecord task, Actor actor) =>
        task.CandidateUsers.Contains(actor.UserId, StringComparer.Ordinal) ||
        task.CandidateGroups.Any(actor.InGroup);
}
