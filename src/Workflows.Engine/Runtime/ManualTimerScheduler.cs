using Workflows.Engine.Contracts;

namespace Workflows.Engine.Runtime;

/// <summary>
/// A scheduler with no thread of its own: it remembers due times and fires what is due when asked. For the
/// `run` command, tests on a controllable clock, and the in-memory benchmark. The host uses its timer pump.
/// </summary>
public sealed class ManualTimerScheduler : ITimerScheduler
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, DateTimeOffset> _due = new();

    public Task ScheduleAsync(Guid bookmarkId, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        lock (_lock) _due[bookmarkId] = dueAt;
        return Task.CompletedTask;
    }

    public Task CancelAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        lock (_lock) _due.Remove(bookmarkId);
        return Task.CompletedTask;
    }

    public IReadOnlyDictionary<Guid, DateTimeOffset> Pending
    {
        get { lock (_lock) return new Dictionary<Guid, DateTimeOffset>(_due); }
    }

    /// <summary>The earliest due time, if any timer is pending.</summary>
    public DateTimeOffset? NextDue
    {
        get { lock (_lock) return _due.Count == 0 ? null : _due.Values.Min(); }
    }

    /// <summary>Fires, in due order, every timer due at or before <paramref name="now"/> (including ones that
    /// firing schedules and that are already due). Returns how many fired.</summary>
    public async Task<int> FireDueAsync(IWorkflowRuntime runtime, DateTimeOffset now, CancellationToken ct = default)
    {
        var fired = 0;
        while (true)
        {
            Guid next;
            lock (_lock)
            {
                var due = _due.Where(d => d.Value <= now).OrderBy(d => d.Value).Select(d => (Guid?)d.Key).FirstOrDefault();
                if (due is null) return fired;
                next = due.Value;
                _due.Remove(next);
            }
            await runtime.FireAsync(next, ct);
            fired++;
        }
    }
}
