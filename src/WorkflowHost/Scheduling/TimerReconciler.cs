using Quartz;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Scheduling;

/// <summary>
/// Every so often, gives Quartz any stored bookmark it does not know (its scheduling call after the commit
/// failed, or another host's did and it died): a timer is never lost, only late by at most this interval.
/// Start-up does the same for all of them (<c>RecoverAsync</c>).
/// </summary>
public sealed class TimerReconciler(IWorkflowStore store, ISchedulerFactory factory, Workflows.Engine.Contracts.ITimerScheduler timers,
    IConfiguration configuration, ILogger<TimerReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var interval = configuration.GetValue("Scheduler:ReconcileInterval", TimeSpan.FromMinutes(1));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, ct);
                await ReconcileAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogError(e, "Reconciling timers failed; trying again later");
            }
        }
    }

    /// <summary>Schedules the stored bookmarks that have no Quartz job. Returns how many it scheduled.</summary>
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var scheduler = await factory.GetScheduler(ct);
        var added = 0;
        foreach (var bookmark in await store.GetScheduledBookmarksAsync(ct))
        {
            if (await scheduler.GetJobDetail(new JobKey(bookmark.Id.ToString(), QuartzTimerScheduler.Group), ct) is not null) continue;
            await timers.ScheduleAsync(bookmark.Id, bookmark.DueAt!.Value, ct);
            added++;
        }
        if (added > 0) logger.LogWarning("Scheduled {Count} stored timer(s) Quartz did not know", added);
        return added;
    }
}
