using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution.Subscriptions;

/// <summary>
/// Timers: a date, a duration or a cycle (expressions allowed), due from when the wait began. An interrupting boundary
/// timer is an escalation; a non-interrupting cycle fires again until its repetitions are used up.
/// </summary>
internal sealed class TimerSubscription(Executor engine) : EventSubscription<TimerEventDefinition>(engine)
{
    public override string Name => "timer";

    public override InterruptReason Interrupts => InterruptReason.Escalation;

    protected override void Open(NodeExecution x, TimerEventDefinition timer, VariableView view, DateTimeOffset since)
    {
        var (due, repetitions, interval) = Due(timer, view, x.Node, since);
        Executor.AddBookmark(x, new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = x.Instance.Id, TokenId = x.Token.Id, ElementId = x.Node.Id, Kind = BookmarkKind.Timer,
            DueAt = due, CreatedAt = x.Now,
            Data = timer.Kind == TimerKind.Cycle ? Executor.Json(new CycleData(repetitions, interval?.ToString())) : null,
        });
    }

    public override void Received(NodeExecution x, Bookmark bookmark) =>
        x.History(HistoryEventType.TimerFired, HistoryData.Start().Add("bookmarkId", bookmark.Id).ToJson());

    /// <summary>A cycle on a non-interrupting boundary event: its next occurrence, while repetitions are left.</summary>
    protected override void Rearm(NodeExecution x, TimerEventDefinition timer, Bookmark fired)
    {
        if (timer.Kind != TimerKind.Cycle || fired.Data is not { } data) return;
        var state = System.Text.Json.JsonSerializer.Deserialize<CycleData>(data, EngineJson.Options);
        if (state is null || state.Remaining == 0 || state.Interval is not { } text || !Iso8601.TryParseDuration(text, out var interval)) return;
        Executor.AddBookmark(x, new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = x.Instance.Id, TokenId = x.Token.Id, ElementId = x.Node.Id, Kind = BookmarkKind.Timer,
            DueAt = NextOccurrence(interval, fired.DueAt ?? x.Now, x.Now), CreatedAt = x.Now,
            Data = Executor.Json(new CycleData(state.Remaining < 0 ? -1 : state.Remaining - 1, text)),
        });
    }

    /// <summary>The first due time of a timer start event (no instance variables exist yet).</summary>
    internal (DateTimeOffset Due, int? Repetitions, IsoDuration? Interval) StartDue(TimerEventDefinition timer, FlowNode node, DateTimeOffset now) =>
        Due(timer, new VariableView(new InstanceState(), null), node, now);

    /// <summary>When a timer is due: a date, now + a duration, or the first repetition of a cycle.</summary>
    private (DateTimeOffset Due, int? Repetitions, IsoDuration? Interval) Due(TimerEventDefinition timer, VariableView view, FlowNode node, DateTimeOffset now)
    {
        object? value = timer.Expression is { } e ? Engine.Evaluate(e, view, node) : timer.Text.Trim();
        switch (value)
        {
            case DateTimeOffset at: return (at, null, null);
            case DateOnly day: return (Engine.Calendar.StartOfDay(day), null, null);
            case TimeSpan span: return (now + span, null, null);
            case IsoDuration iso: return (iso.AddTo(now), null, null);
            case string text:
                if (timer.Kind == TimerKind.Cycle && Iso8601.TryParseRepeatingInterval(text, out var cycle) && cycle is not null)
                {
                    var first = cycle.Start ?? cycle.Interval.AddTo(now);
                    return (first, cycle.Repetitions is { } r ? r - 1 : -1, cycle.Interval);
                }
                if (timer.Kind != TimerKind.Date && Iso8601.TryParseDuration(text, out var duration)) return (duration.AddTo(now), null, null);
                if (Executor.LocalDate(text) is { } localDay) return (Engine.Calendar.StartOfDay(localDay), null, null);
                if (Iso8601.TryParseDateTime(text, out var date)) return (date, null, null);
                break;
        }
        throw new ExpressionFailedException(node, timer.Text, $"'{value}' is not an ISO 8601 {timer.Kind.ToString().ToLowerInvariant()}");
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
}
