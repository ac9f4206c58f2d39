using Microsoft.Extensions.Options;
using Workflows.Engine.Contracts;
using Workflows.Persistence.Timers;

namespace WorkflowHost.Scheduling;

/// <summary>
/// Fires due timers (BPMN timers, reminders, service-task retries) straight from the engine's bookmark rows.
/// It claims due rows with a lease, fires the batch through <see cref="IWorkflowRuntime.FireAsync"/> (each firing a step
/// that deletes the row, so a bookmark fires once even if two hosts raced for it; the steps of a batch share commits
/// through the store's group commit), then sleeps until the next due
/// time, one indexed query. As the engine's <see cref="ITimerScheduler"/> it writes nothing: a step that stores a
/// timer due sooner than the pump's next wake-up only wakes it. So a timer costs no scheduler write, start-up
/// schedules nothing whatever the number of stored timers, and a host that dies after a commit loses nothing.
/// A loop of its own rather than a Hangfire job: Hangfire's schedules have minute granularity and its delayed
/// jobs would be one more write per timer, outside the step's transaction on SQLite.
/// </summary>
public sealed class TimerPump(BookmarkTimerQueue queue, IServiceProvider services, IOptions<TimerPumpOptions> options,
    TimeProvider clock, ILogger<TimerPump> logger) : BackgroundService, ITimerScheduler
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    // When the pump means to look next; MaxValue while it is looking, so that a timer stored meanwhile wakes it.
    private long _nextWakeTicks = DateTimeOffset.MaxValue.UtcTicks;
    private long _fired;

    /// <summary>Bookmarks this host has fired since it started (for tests and the benchmark).</summary>
    public long Fired => Interlocked.Read(ref _fired);

    public Task ScheduleAsync(Guid bookmarkId, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        if (dueAt.UtcTicks < Interlocked.Read(ref _nextWakeTicks)) Wake();
        return Task.CompletedTask;
    }

    /// <summary>Nothing to do: the step that cancelled the timer deleted its row.</summary>
    public Task CancelAsync(Guid bookmarkId, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>Makes the pump look at the rows now.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount > 0) return; // already woken
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // woken by another thread just now
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // Resolved here, not in the constructor: the runtime depends on this scheduler.
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Interlocked.Exchange(ref _nextWakeTicks, DateTimeOffset.MaxValue.UtcTicks);
                if (await FireDueAsync(runtime, ct) > 0) continue;
                var now = clock.GetUtcNow();
                var next = await queue.NextDueAsync(now, ct);
                var wait = next is { } at && at - now < options.Value.PollInterval ? at - now : options.Value.PollInterval;
                if (wait <= TimeSpan.Zero) continue;
                // Lowered only after the query: a timer stored meanwhile has already released the semaphore.
                Interlocked.Exchange(ref _nextWakeTicks, (now + wait).UtcTicks);
                // A clock that can jump (a test's) gets the wake-up too, so a jump past it wakes the pump at once.
                using var onClock = clock == TimeProvider.System ? null : clock.CreateTimer(_ => Wake(), null, wait, Timeout.InfiniteTimeSpan);
                await _wake.WaitAsync(wait, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogError(e, "The timer pump failed; looking again in {Delay}", options.Value.PollInterval);
                try { await Task.Delay(options.Value.PollInterval, ct); }
                catch (OperationCanceledException) { }
            }
        }
    }

    /// <summary>Claims and fires one batch of due bookmarks. Returns how many it claimed.</summary>
    public async Task<int> FireDueAsync(IWorkflowRuntime runtime, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var claimed = await queue.ClaimDueAsync(now, now + o.LeaseDuration, o.BatchSize, ct);
        if (claimed.Count == 0) return 0;
        // The whole batch at once by default: each firing is a step of its own (atomic, its conflicts its own), and the
        // store's commit queue writes the steps that are ready together in one transaction, so a batch costs a few commits.
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Parallelism ?? o.BatchSize), CancellationToken = ct },
            async (bookmark, token) =>
            {
                try
                {
                    await runtime.FireAsync(bookmark.Id, token);
                    Interlocked.Increment(ref _fired);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The row is still there: it is fired again once this retry time has passed.
                    logger.LogWarning(e, "Firing bookmark {BookmarkId} failed; trying again in {Delay}", bookmark.Id, o.RetryDelay);
                    await queue.ReleaseAsync(bookmark.Id, clock.GetUtcNow() + o.RetryDelay, CancellationToken.None);
                }
            });
        return claimed.Count;
    }
}
