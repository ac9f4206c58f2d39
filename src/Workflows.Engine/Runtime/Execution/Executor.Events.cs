using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class Executor
{
    /// <summary>Opens the bookmark an intermediate catch event waits on (for itself or for an event-based gateway).</summary>
    private void OpenCatch(StepContext ctx, InstanceContext ic, Token token, IntermediateCatchEvent node)
    {
        var view = View(ic, token);
        switch (node.Definition)
        {
            case TimerEventDefinition timer:
                AddTimer(ctx, ic, token, node, timer, view, BookmarkKind.Timer);
                break;
            case MessageEventDefinition message:
                var key = message.CorrelationKey is null ? null : Evaluate(message.CorrelationKey, view, node)?.ToString();
                var bookmark = new Bookmark
                {
                    Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
                    Kind = BookmarkKind.Message, MessageName = message.MessageName, CorrelationKey = key ?? ic.Instance.BusinessKey,
                    CreatedAt = ctx.Now,
                };
                ctx.AddBookmark(bookmark);
                Own(token, bookmark);
                break;
            default:
                throw new InvalidOperationWorkflowException($"{node} waits for an event the engine does not support.");
        }
    }

    /// <summary>Timers of the boundary events attached to an activity, owned by the token that runs it.</summary>
    private void OpenBoundaryTimers(StepContext ctx, InstanceContext ic, Token token, Activity activity, DateTimeOffset? due)
    {
        if (activity.BoundaryEvents.Count == 0) return;
        var extra = due is { } d ? new Dictionary<string, object?> { ["dueDate"] = d } : null;
        var view = View(ic, token, extra: extra);
        foreach (var boundary in activity.BoundaryEvents)
            if (boundary.Definition is TimerEventDefinition timer)
                AddTimer(ctx, ic, token, boundary, timer, view, BookmarkKind.Timer);
    }

    private void AddTimer(StepContext ctx, InstanceContext ic, Token token, FlowNode node, TimerEventDefinition timer,
        VariableView view, BookmarkKind kind, int? remaining = null, DateTimeOffset? after = null)
    {
        var (due, repetitions, interval) = TimerDue(timer, view, node, after ?? ctx.Now);
        var left = remaining ?? repetitions;
        var bookmark = new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id, Kind = kind,
            DueAt = due, CreatedAt = ctx.Now,
            Data = timer.Kind == TimerKind.Cycle ? Json(new CycleData(left, interval?.ToString())) : null,
        };
        ctx.AddBookmark(bookmark);
        Own(token, bookmark);
    }

    /// <summary>The first due time of a timer start event (no instance variables exist yet).</summary>
    internal (DateTimeOffset Due, int? Repetitions, IsoDuration? Interval) StartTimerDue(TimerEventDefinition timer, FlowNode node, DateTimeOffset now) =>
        TimerDue(timer, new VariableView(new InstanceState(), null), node, now);

    /// <summary>When a timer is due: a date, now + a duration, or the first repetition of a cycle.</summary>
    private (DateTimeOffset Due, int? Repetitions, IsoDuration? Interval) TimerDue(TimerEventDefinition timer, VariableView view, FlowNode node, DateTimeOffset now)
    {
        object? value = timer.Expression is { } e ? Evaluate(e, view, node) : timer.Text.Trim();
        switch (value)
        {
            case DateTimeOffset at: return (at, null, null);
            case DateOnly day: return (calendar.StartOfDay(day), null, null);
            case TimeSpan span: return (now + span, null, null);
            case IsoDuration iso: return (iso.AddTo(now), null, null);
            case string text:
                if (timer.Kind == TimerKind.Cycle && Iso8601.TryParseRepeatingInterval(text, out var cycle) && cycle is not null)
                {
                    var first = cycle.Start ?? cycle.Interval.AddTo(now);
                    return (first, cycle.Repetitions is { } r ? r - 1 : -1, cycle.Interval);
                }
                if (timer.Kind != TimerKind.Date && Iso8601.TryParseDuration(text, out var duration)) return (duration.AddTo(now), null, null);
                if (LocalDate(text) is { } localDay) return (calendar.StartOfDay(localDay), null, null);
                if (Iso8601.TryParseDateTime(text, out var date)) return (date, null, null);
                break;
        }
        throw new ExpressionFailedException(node, timer.Text, $"'{value}' is not an ISO 8601 {timer.Kind.ToString().ToLowerInvariant()}");
    }

    /// <summary>Runs a due bookmark of the instance: a timer, a reminder, or a service-task retry.</summary>
    internal void Fire(StepContext ctx, InstanceContext ic, Token token, Bookmark bookmark)
    {
        token.Bookmarks?.Remove(bookmark.Id);
        ctx.RemoveBookmark(bookmark.Id);
        var node = ic.Process.GetNode(bookmark.ElementId);
        try
        {
            FireBookmark(ctx, ic, token, bookmark, node);
        }
        catch (NodeFailedException e)
        {
            RaiseIncident(ctx, ic, token, e.Node, e.Message, null);
        }
    }

    private void FireBookmark(StepContext ctx, InstanceContext ic, Token token, Bookmark bookmark, FlowNode node)
    {
        switch (bookmark.Kind)
        {
            case BookmarkKind.Retry:
                token.Status = TokenStatus.Ready;
                break;
            case BookmarkKind.Reminder:
                Remind(ctx, ic, token, node, bookmark);
                break;
            case BookmarkKind.Timer:
                ctx.History(ic, HistoryEventType.TimerFired, node.Id, node.ElementType, token.Id, HistoryData.Start().Add("bookmarkId", bookmark.Id).ToJson());
                if (node is BoundaryEvent boundary) FireBoundary(ctx, ic, token, boundary, bookmark);
                else CatchEvent(ctx, ic, token, node);
                break;
            case BookmarkKind.Message:
                ctx.History(ic, HistoryEventType.MessageCorrelated, node.Id, node.ElementType, token.Id,
                    Json(new { bookmark.MessageName, bookmark.CorrelationKey }));
                CatchEvent(ctx, ic, token, node);
                break;
        }
    }

    /// <summary>The event a token waited for happened: at an event-based gateway the other events are withdrawn.</summary>
    private void CatchEvent(StepContext ctx, InstanceContext ic, Token token, FlowNode catchNode)
    {
        if (token.NodeId != catchNode.Id)
        {
            // The token waits at an event-based gateway: leave it through the event that won the race.
            var gateway = ic.Process.GetNode(token.NodeId);
            ClearBookmarks(ctx, token);
            ctx.History(ic, HistoryEventType.ActivityLeft, gateway.Id, gateway.ElementType, token.Id);
            token.NodeId = catchNode.Id;
            token.ArrivedVia = gateway.Outgoing.FirstOrDefault(f => f.TargetRef == catchNode.Id)?.Id;
            ctx.History(ic, HistoryEventType.ActivityEntered, catchNode.Id, catchNode.ElementType, token.Id);
            EnterLocals(ic, token, catchNode); // the event that won has its own input mappings
        }
        token.Status = TokenStatus.Ready;
        Leave(ctx, ic, token, catchNode);
        // Leave ran with the token Ready; what matters is that it moved on.
    }

    private void FireBoundary(StepContext ctx, InstanceContext ic, Token owner, BoundaryEvent boundary, Bookmark bookmark)
    {
        if (boundary.CancelActivity)
        {
            Interrupt(ctx, ic, owner, boundary.AttachedTo, InterruptReason.Escalation);
            owner.NodeId = boundary.Id;
            owner.ArrivedVia = null;
            owner.Status = TokenStatus.Ready;
            return;
        }
        // Non-interrupting: the activity goes on; a new token follows the boundary (a reminder path).
        var spawned = ic.NewToken(boundary.Id, owner.ScopeId);
        spawned.ArrivedVia = null;
        if (boundary.Definition is TimerEventDefinition { Kind: TimerKind.Cycle } cycle && bookmark.Data is { } data)
        {
            var state = System.Text.Json.JsonSerializer.Deserialize<CycleData>(data, EngineJson.Options);
            if (state is not null && state.Remaining != 0 && state.Interval is { } text && Iso8601.TryParseDuration(text, out var interval))
            {
                var next = new Bookmark
                {
                    Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = owner.Id, ElementId = boundary.Id, Kind = BookmarkKind.Timer,
                    DueAt = NextOccurrence(interval, bookmark.DueAt ?? ctx.Now, ctx.Now), CreatedAt = ctx.Now,
                    Data = Json(new CycleData(state.Remaining < 0 ? -1 : state.Remaining - 1, text)),
                };
                ctx.AddBookmark(next);
                Own(owner, next);
            }
        }
    }

    /// <summary>
    /// The next occurrence of a cycle after the one that fired: one interval on, but never in the past. After a
    /// downtime the missed occurrences are skipped, so the timer fires once on restart, not once per occurrence.
    /// </summary>
    internal static DateTimeOffset NextOccurrence(IsoDuration interval, DateTimeOffset previous, DateTimeOffset now)
    {
        var next = interval.AddTo(previous);
        if (next <= previous) return now; // a zero interval: never spin
        for (var i = 0; next <= now && i < 10_000; i++) next = interval.AddTo(next);
        return next > now ? next : interval.AddTo(now);
    }

    /// <summary>A date without a time ("2026-10-09"): a local date of the calendar's zone.</summary>
    internal static DateOnly? LocalDate(string text) =>
        text.Trim() is { Length: 10 } t && DateOnly.TryParseExact(t, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    private void Remind(StepContext ctx, InstanceContext ic, Token token, FlowNode node, Bookmark bookmark)
    {
        var data = bookmark.Data is null ? null : System.Text.Json.JsonSerializer.Deserialize<ReminderData>(bookmark.Data, EngineJson.Options);
        if (data is null || token.TaskId != data.TaskId || !ctx.TryGetLoadedTask(data.TaskId, out var task) || !task.IsOpen) return;
        ctx.History(ic, HistoryEventType.ReminderFired, node.Id, node.ElementType, token.Id,
            Json(new { taskId = task.Id, offset = data.Offset }));
        Notify(ctx, ic, NotificationKinds.TaskReminder, node, task,
            task.Assignee is { } a ? [a] : task.CandidateUsers,
            task.Assignee is null ? task.CandidateGroups : Array.Empty<string>(), Array.Empty<string>(),
            due: task.DueAt, offset: data.Offset);
    }

    private void End(StepContext ctx, InstanceContext ic, Token token, EndEvent end)
    {
        ctx.History(ic, HistoryEventType.ActivityLeft, end.Id, end.ElementType, token.Id);
        switch (end.Definition)
        {
            case TerminateEventDefinition:
                Terminate(ctx, ic, token);
                break;
            case ErrorEventDefinition error:
                ctx.History(ic, HistoryEventType.ErrorThrown, end.Id, end.ElementType, token.Id, Json(new { error.ErrorCode }));
                if (ThrowError(ctx, ic, token, end, error.ErrorCode ?? "")) break;
                if (ic.Instance.ParentInstanceId is not null)
                {
                    // Not caught in this process: the caller's call activity (and its callers) may catch it.
                    token.Status = TokenStatus.Waiting;
                    ctx.Deferred.UncaughtErrors.Add(new UncaughtError(ic, token, end, error.ErrorCode ?? "", null));
                }
                else ConsumeToken(ctx, ic, token); // uncaught: ends like a none end event (Camunda 7's rule)
                break;
            default:
                ConsumeToken(ctx, ic, token);
                break;
        }
    }

    /// <summary>Terminate end event: ends every token of its scope (the whole instance at process level).</summary>
    private void Terminate(StepContext ctx, InstanceContext ic, Token token)
    {
        var scopeId = token.ScopeId;
        ic.State.Tokens.Remove(token);
        foreach (var other in ic.State.Tokens.Where(t => t.ScopeId == scopeId).ToList())
            CancelToken(ctx, ic, other, InterruptReason.Terminate);
        if (scopeId is null)
        {
            EndInstance(ctx, ic, InstanceStatus.Terminated);
            return;
        }
        CompleteScopeIfEmpty(ctx, ic, scopeId);
    }

    /// <summary>
    /// Finds the nearest boundary error event for the code, from the throwing activity outwards through its
    /// enclosing sub-processes, then the calling process; interrupts what it is attached to and follows it.
    /// </summary>
    private bool ThrowError(StepContext ctx, InstanceContext ic, Token token, FlowNode from, string code)
    {
        var current = token;
        FlowNode node = from;
        while (true)
        {
            if (node is Activity activity)
            {
                var handler = activity.BoundaryEvents.FirstOrDefault(b => b.Definition is ErrorEventDefinition e && e.ErrorCode == code)
                              ?? activity.BoundaryEvents.FirstOrDefault(b => b.Definition is ErrorEventDefinition { ErrorCode: null });
                if (handler is not null)
                {
                    var owner = BoundaryOwner(ic, current, activity);
                    Interrupt(ctx, ic, owner, activity, InterruptReason.Error);
                    owner.NodeId = handler.Id;
                    owner.ArrivedVia = null;
                    owner.Status = TokenStatus.Ready;
                    return true;
                }
            }
            var scope = ic.FindScope(current.ScopeId);
            if (scope is null) break;
            current = ic.FindToken(scope.OwnerTokenId)!;
            node = ic.Process.GetNode(scope.NodeId);
        }
        return false;
    }

    /// <summary>The token a boundary event of the activity belongs to: the multi-instance body's owner for an item.</summary>
    private static Token BoundaryOwner(InstanceContext ic, Token token, Activity activity)
    {
        var item = MultiInstanceItemScope(ic, token, activity);
        if (item is null) return token;
        var body = ic.FindScope(item.ParentScopeId)!;
        return ic.FindToken(body.OwnerTokenId)!;
    }
}

internal sealed record CycleData(int? Remaining, string? Interval);
