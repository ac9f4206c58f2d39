using System.Text.Json;
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
            SealedValues.RefuseFromOutside(variables);
            var task = await OpenTaskAsync(ctx, taskId, ct, withInstance: true);
            if (task.Status == UserTaskStatus.Delegated && task.Assignee == actor.UserId)
                throw new InvalidOperationWorkflowException($"Task {taskId} was delegated to you: resolve it, so that it returns to {task.Owner}.");
            var ic = await ctx.LoadInstanceAsync(task.InstanceId, ct);
            var node = (Activity)ic.Process.GetNode(task.ElementId);
            var userTask = node as UserTask;
            if (!MayWorkOn(task, actor, userTask?.Personal == true))
                throw new ForbiddenException(userTask?.Personal == true && task.Assignee is not null
                    ? $"{actor.UserId} may not complete task {taskId}: it is personal, {task.Assignee}'s own."
                    : $"{actor.UserId} may not complete task {taskId}: it is {(task.Assignee is null ? "for its candidates" : $"assigned to {task.Assignee}")}.");

            var token = ic.FindToken(task.TokenId);
            if (ic.Ended || token is null || token.TaskId != task.Id)
                throw new ConcurrencyConflictException($"Task {taskId} is no longer waiting: its instance moved on.");

            var confidential = userTask?.Confidential == true;
            task.Status = UserTaskStatus.Completed;
            task.Assignee ??= actor.UserId;
            task.CompletedAt = ctx.Now;
            task.CompletedBy = actor.UserId;
            // A confidential submission is kept nowhere in clear: not on the task row, not in the history.
            task.Result = confidential ? null : (JsonObject?)variables?.DeepClone();
            ctx.TaskChanged(task);
            var history = HistoryData.Start().Add("taskId", taskId);
            ctx.History(ic, HistoryEventType.TaskCompleted, node.Id, node.ElementType, token.Id,
                (confidential ? history.Add("confidential", true) : history.Add("variables", variables)).ToJson());

            if (variables is not null && confidential) KeepSealed(ic, token, variables);
            else if (variables is not null)
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
        TaskStepAsync(taskId, actor, HistoryEventType.TaskClaimed, (task, personal) =>
        {
            if (task.Assignee == actor.UserId) return false;
            if (task.Assignee is not null)
                throw new ConcurrencyConflictException($"Task {taskId} is already claimed by {task.Assignee}.");
            // An administrator claims any task, except a personal one: that is only ever its candidates'.
            if ((personal || !actor.IsAdministrator) && !IsCandidate(task, actor))
                throw new ForbiddenException($"{actor.UserId} is not a candidate for task {taskId}.");
            task.Assignee = actor.UserId;
            task.Status = UserTaskStatus.Claimed;
            return true;
        }, ct);

    public Task UnclaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskUnclaimed, (task, personal) =>
        {
            if (task.Assignee is null) return false;
            if (personal) throw Personal(task, "given back");
            if (task.Assignee != actor.UserId && !actor.IsAdministrator)
                throw new ForbiddenException($"Only {task.Assignee} or an administrator may give task {taskId} back.");
            task.Assignee = null;
            task.Owner = null;
            task.Status = UserTaskStatus.Created;
            return true;
        }, ct);

    public Task DelegateTaskAsync(Guid taskId, Actor actor, string delegateUserId, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskDelegated, (task, personal) =>
        {
            if (string.IsNullOrWhiteSpace(delegateUserId)) throw new InvalidOperationWorkflowException("A delegate must be named.");
            if (personal) throw Personal(task, "delegated");
            if (task.Assignee != actor.UserId && !actor.IsAdministrator)
                throw new ForbiddenException($"Only the assignee of task {taskId} may delegate it.");
            task.Owner = task.Assignee ?? actor.UserId;
            task.Assignee = delegateUserId;
            task.Status = UserTaskStatus.Delegated;
            return true;
        }, ct, handover: TaskEventKinds.Delegated);

    public Task ResolveTaskAsync(Guid taskId, Actor actor, JsonObject? variables, CancellationToken ct = default) =>
        StepAsync(actor.UserId, async ctx =>
        {
            SealedValues.RefuseFromOutside(variables);
            var task = await OpenTaskAsync(ctx, taskId, ct, withInstance: true);
            if (task.Status != UserTaskStatus.Delegated) throw new InvalidOperationWorkflowException($"Task {taskId} is not delegated.");
            if (task.Assignee != actor.UserId && !actor.IsAdministrator)
                throw new ForbiddenException($"Only the delegate {task.Assignee} may resolve task {taskId}.");
            var ic = await ctx.LoadInstanceAsync(task.InstanceId, ct);
            var token = ic.FindToken(task.TokenId);
            var confidential = ic.Process.NodesById.GetValueOrDefault(task.ElementId) is UserTask { Confidential: true };
            if (variables is not null && token is not null)
            {
                if (confidential) KeepSealed(ic, token, variables);
                else foreach (var (k, v) in variables) _executor.SetVariable(ic, token, k, v?.DeepClone());
            }
            task.Assignee = task.Owner;
            task.Owner = null;
            task.Status = UserTaskStatus.Claimed;
            ctx.TaskChanged(task);
            var history = HistoryData.Start().Add("taskId", taskId).Add("returnedTo", task.Assignee);
            ctx.History(ic, HistoryEventType.TaskResolved, task.ElementId, "userTask", task.TokenId,
                (confidential ? history.Add("confidential", true) : history.Add("variables", variables)).ToJson());
            return true;
        }, ct);

    public Task ReassignTaskAsync(Guid taskId, Actor actor, string? newAssignee, CancellationToken ct = default) =>
        TaskStepAsync(taskId, actor, HistoryEventType.TaskReassigned, (task, personal) =>
        {
            if (personal) throw Personal(task, "reassigned");
            if (!actor.IsAdministrator && task.Assignee != actor.UserId)
                throw new ForbiddenException($"Only an administrator or the assignee may reassign task {taskId}.");
            task.Assignee = string.IsNullOrWhiteSpace(newAssignee) ? null : newAssignee;
            task.Owner = null;
            task.Status = task.Assignee is null ? UserTaskStatus.Created : UserTaskStatus.Claimed;
            return true;
        }, ct, handover: TaskEventKinds.Reassigned);

    /// <summary>
    /// A step that changes only the task row (and writes history): guarded by the task's version. The change is told
    /// whether the task is personal (<c>wf:personal</c>). A handover (reassignment, delegation) also tells the new assignee
    /// and writes a <see cref="TaskEvent"/> to the outbox for the host's listeners.
    /// </summary>
    private Task TaskStepAsync(Guid taskId, Actor actor, HistoryEventType type, Func<UserTaskRecord, bool, bool> change,
        CancellationToken ct, string? handover = null) =>
        StepAsync(actor.UserId, async ctx =>
        {
            // One query for the task and its instance: whether the task is personal is the process's to say.
            var task = await OpenTaskAsync(ctx, taskId, ct, withInstance: true);
            var ic = await ctx.LoadInstanceAsync(task.InstanceId, ct);
            // The instance is read, not changed: the commit neither writes it nor checks its version.
            ctx.Changes.ExpectedVersions.Remove(ic.Id);
            ctx.Forget(ic.Id);
            var node = ic.Process.NodesById.GetValueOrDefault(task.ElementId);
            var from = task.Assignee;
            if (!change(task, node is UserTask { Personal: true })) return false;
            ctx.TaskChanged(task);
            ctx.Changes.History.Add(new HistoryEntry
            {
                InstanceId = task.InstanceId, Event = type, ElementId = task.ElementId, ElementType = "userTask",
                TokenId = task.TokenId, Actor = actor.UserId, At = ctx.Now,
                Data = HistoryData.Start().Add("taskId", taskId).Add("assignee", task.Assignee).Add("owner", task.Owner).ToJson(),
            });
            if (handover is null) return true;
            if (task.Assignee is { } assignee && node is not null)
                _executor.Notify(ctx, ic, NotificationKinds.TaskAssigned, node, task,
                    [assignee], Array.Empty<string>(), Array.Empty<string>(), due: task.DueAt);
            var handed = new TaskEvent
            {
                Kind = handover, EventId = Guid.NewGuid(), TaskId = task.Id, TaskName = task.Name, ElementId = task.ElementId,
                InstanceId = task.InstanceId, ProcessId = task.ProcessId, BusinessKey = task.BusinessKey, Actor = actor.UserId,
                From = from, To = task.Assignee, At = ctx.Now,
            };
            ctx.Changes.Outbox.Add(new OutboxMessage
            {
                Id = handed.EventId, Kind = OutboxKinds.TaskEvent, Payload = JsonSerializer.Serialize(handed, EngineJson.Options), CreatedAt = ctx.Now,
            });
            return true;
        }, ct);

    /// <summary>
    /// A confidential task's submission: each value sealed (<see cref="SealedValues"/>) in the scope the task runs in (its
    /// sub-process or multi-instance item, else the process), so that parallel submissions never meet and the service
    /// tasks after it in that scope read them, or in the task's own local of that name.
    /// </summary>
    private void KeepSealed(InstanceContext ic, Token token, JsonObject variables)
    {
        var scope = ic.FindScope(token.ScopeId)?.Variables ?? ic.State.Variables;
        foreach (var (name, value) in variables)
        {
            _executor.CheckSize(name, value, null);
            var target = token.Locals is { } locals && locals.ContainsKey(name) ? locals : scope;
            target[name] = SealedValues.Seal(_protector, ic.Id, name, value);
        }
    }

    private static ForbiddenException Personal(UserTaskRecord task, string what) =>
        new($"Task {task.Id} is personal{(task.Assignee is { } a ? $", {a}'s own" : "")}: it cannot be {what}, by anyone.");

    private static async Task<UserTaskRecord> OpenTaskAsync(StepContext ctx, Guid taskId, CancellationToken ct, bool withInstance = false)
    {
        var task = withInstance ? await ctx.LoadTaskWithInstanceAsync(taskId, ct) : await ctx.LoadTaskAsync(taskId, ct);
        if (!task.IsOpen)
            throw new ConcurrencyConflictException($"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}" +
                                                   (task.CompletedBy is { } by ? $" by {by}." : "."));
        return task;
    }

    /// <summary>The assignee, a candidate of an unassigned task, or an administrator; a personal task only its assignee
    /// (or, while unassigned, a candidate, who takes it).</summary>
    private static bool MayWorkOn(UserTaskRecord task, Actor actor, bool personal) =>
        (actor.IsAdministrator && !personal) || task.Assignee == actor.UserId || (task.Assignee is null && IsCandidate(task, actor));

    private static bool IsCandidate(UserTaskRecord task, Actor actor) =>
        task.CandidateUsers.Contains(actor.UserId, StringComparer.Ordinal) ||
        task.CandidateGroups.Any(actor.InGroup);
}
