using Quartz;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Scheduling;

/// <summary>
/// Each due bookmark is one Quartz job and trigger keyed by the bookmark id: scheduling again replaces it
/// (harmless), cancelling a missing one is fine. Misfire policy "fire now": a timer that came due while the
/// host was down fires once as soon as the scheduler starts again; the runtime ignores a bookmark that is gone.
/// </summary>
public sealed class QuartzTimerScheduler(ISchedulerFactory factory) : ITimerScheduler
{
    public const string Group = "bookmarks";

    public async Task ScheduleAsync(Guid bookmarkId, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        var scheduler = await factory.GetScheduler(ct);
        var key = bookmarkId.ToString();
        var job = JobBuilder.Create<FireBookmarkJob>()
            .WithIdentity(key, Group)
            .UsingJobData(FireBookmarkJob.BookmarkIdKey, key)
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key, Group)
            .StartAt(dueAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, ct);
    }

    public async Task CancelAsync(Guid bookmarkId, CancellationToken ct = default)
    {
        var scheduler = await factory.GetScheduler(ct);
        await scheduler.DeleteJob(new JobKey(bookmarkId.ToString(), Group), ct);
    }
}
