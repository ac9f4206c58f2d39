using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Behaviors;

/// <summary>
/// A user task: its token waits on a task created with the assignee, candidates, due and follow-up dates, priority and
/// form key evaluated now; the people concerned are told, and reminders come before the due date.
/// </summary>
internal sealed class UserTaskBehavior(Executor engine) : ActivityBehavior<UserTask>(engine)
{
    protected override void Enter(NodeExecution x)
    {
        var (ctx, ic, token, node) = (x.Step, x.Instance, x.Token, Node(x));
        var locals = (JsonObject?)token.Locals?.DeepClone() ?? new JsonObject();
        var item = Executor.MultiInstanceItemScope(ic, token, node);
        if (item is not null)
            foreach (var (k, v) in item.Variables) locals[k] = v?.DeepClone();
        var view = Engine.View(ic, token, locals);

        var due = Engine.Date(node.DueDate, view, node, node.WorkingDays);
        var task = new UserTaskRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = ic.Id,
            TokenId = token.Id,
            ElementId = node.Id,
            Name = node.NameExpression is { } nameExpression ? Engine.Text(nameExpression, view, node) : node.Name,
            ProcessId = ic.Instance.ProcessId,
            BusinessKey = ic.Instance.BusinessKey,
            Status = UserTaskStatus.Created,
            Assignee = Engine.Text(node.Assignee, view, node),
            CandidateUsers = Engine.Texts(node.CandidateUsers, view, node),
            CandidateGroups = Engine.Texts(node.CandidateGroups, view, node),
            CreatedAt = ctx.Now,
            DueAt = due,
            FollowUpAt = Engine.Date(node.FollowUpDate, view, node, node.WorkingDays),
            Priority = Engine.Number(node.Priority, view, node) ?? 50,
            FormKey = node.FormKeyExpression is { } formKey ? Engine.Text(formKey, view, node) : node.FormKey,
            LocalVariables = locals.Count > 0 ? locals : null,
        };
        if (task.Assignee is not null) task.Status = UserTaskStatus.Claimed;
        ctx.AddTask(task);
        token.Status = TokenStatus.Waiting;
        token.TaskId = task.Id;
        x.History(HistoryEventType.TaskCreated,
            HistoryData.Start().Add("taskId", task.Id).Add("assignee", task.Assignee).Add("candidateUsers", task.CandidateUsers)
                .Add("candidateGroups", task.CandidateGroups).Add("dueAt", task.DueAt).ToJson());

        Engine.Notify(ctx, ic, NotificationKinds.TaskAssigned, node, task,
            task.Assignee is { } a ? [a] : task.CandidateUsers,
            task.Assignee is null ? task.CandidateGroups : Array.Empty<string>(), Array.Empty<string>(), due: task.DueAt);

        OpenReminders(x, task);
        OpenBoundaryEvents(x, due);
    }

    /// <summary>A reminder came due: the people who may act on the still open task are told.</summary>
    public override void Fired(NodeExecution x, Bookmark bookmark)
    {
        var (ctx, ic, token, node) = x;
        var data = bookmark.Data is null ? null : System.Text.Json.JsonSerializer.Deserialize<ReminderData>(bookmark.Data, EngineJson.Options);
        if (data is null || token.TaskId != data.TaskId || !ctx.TryGetLoadedTask(data.TaskId, out var task) || !task.IsOpen) return;
        x.History(HistoryEventType.ReminderFired, Executor.Json(new { taskId = task.Id, offset = data.Offset }));
        Engine.Notify(ctx, ic, NotificationKinds.TaskReminder, node, task,
            task.Assignee is { } a ? [a] : task.CandidateUsers,
            task.Assignee is null ? task.CandidateGroups : Array.Empty<string>(), Array.Empty<string>(),
            due: task.DueAt, offset: data.Offset);
    }

    /// <summary>The open task moves with its token (same id, assignee and data) and takes this element's name and form;
    /// its reminders before the kept due date come again, those already past are not sent again.</summary>
    public override void Reopen(NodeExecution x, Reopening reopening)
    {
        if (reopening.Task is { IsOpen: true } task)
        {
            var node = Node(x);
            task.ElementId = node.Id;
            task.Name = node.Name;
            task.FormKey = node.FormKey;
            x.Step.TaskChanged(task);
            OpenReminders(x, task);
        }
        base.Reopen(x, reopening);
    }

    /// <summary>Reminders before the task's due date (<c>wf:reminders</c>); those already past are not planned.</summary>
    private void OpenReminders(NodeExecution x, UserTaskRecord task)
    {
        var node = Node(x);
        if (task.DueAt is not { } dueAt) return;
        foreach (var offset in node.ReminderOffsets)
        {
            var at = node.WorkingDays ? SubtractWorking(dueAt, offset) : dueAt - offset;
            if (at <= x.Now) continue;
            Executor.AddBookmark(x, new Bookmark
            {
                Id = Guid.NewGuid(), InstanceId = x.Instance.Id, TokenId = x.Token.Id, ElementId = node.Id,
                Kind = BookmarkKind.Reminder, DueAt = at, CreatedAt = x.Now,
                Data = Executor.Json(new ReminderData(task.Id, offset)),
            });
        }
    }

    private DateTimeOffset SubtractWorking(DateTimeOffset due, TimeSpan offset) =>
        Engine.Calendar.AddWorkingDays(due, -offset.Days) - (offset - TimeSpan.FromDays(offset.Days));
}
