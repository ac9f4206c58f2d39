using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>
/// Hooks for migrating a waiting token to another version: the bookmarks of the target element are opened again
/// as that element's definition says, counted from when the token entered its activity (not from the migration),
/// so a 14-day escalation that has run for 10 days still fires after 14.
/// </summary>
internal sealed partial class Executor
{
    internal void ReopenCatch(StepContext ctx, InstanceContext ic, Token token, IntermediateCatchEvent node, DateTimeOffset since)
    {
        if (node.Definition is TimerEventDefinition timer)
            AddTimer(ctx, ic, token, node, timer, View(ic, token), BookmarkKind.Timer, after: since);
        else
            OpenCatch(ctx, ic, token, node);
    }

    internal void ReopenBoundaryTimers(StepContext ctx, InstanceContext ic, Token token, Activity activity, DateTimeOffset? due, DateTimeOffset since)
    {
        var extra = due is { } d ? new Dictionary<string, object?> { ["dueDate"] = d } : null;
        var view = View(ic, token, extra: extra);
        foreach (var boundary in activity.BoundaryEvents)
            if (boundary.Definition is TimerEventDefinition timer)
                AddTimer(ctx, ic, token, boundary, timer, view, BookmarkKind.Timer, after: since);
    }

    /// <summary>The target task's reminders before the (kept) due date; those already past are not sent again.</summary>
    internal void ReopenReminders(StepContext ctx, InstanceContext ic, Token token, UserTask node, UserTaskRecord task)
    {
        if (task.DueAt is not { } dueAt) return;
        foreach (var offset in node.ReminderOffsets)
        {
            var at = node.WorkingDays ? SubtractWorking(dueAt, offset) : dueAt - offset;
            if (at <= ctx.Now) continue;
            var reminder = new Bookmark
            {
                Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
                Kind = BookmarkKind.Reminder, DueAt = at, CreatedAt = ctx.Now,
                Data = Json(new ReminderData(task.Id, offset)),
            };
            ctx.AddBookmark(reminder);
            Own(token, reminder);
        }
    }

    /// <summary>A pending service-task retry keeps its due time at the target element.</summary>
    internal static void ReopenRetry(StepContext ctx, InstanceContext ic, Token token, FlowNode node, DateTimeOffset due)
    {
        var retry = new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
            Kind = BookmarkKind.Retry, DueAt = due, CreatedAt = ctx.Now,
        };
        ctx.AddBookmark(retry);
        Own(token, retry);
    }

    /// <summary>Drops a token's bookmarks (they are re-created for the target element).</summary>
    internal void DropBookmarks(StepContext ctx, Token token) => ClearBookmarks(ctx, token);
}
