using Quartz;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Scheduling;

/// <summary>Wakes the runtime for one due bookmark. Idempotent: the runtime does nothing if the bookmark is gone.</summary>
public sealed class FireBookmarkJob(IWorkflowRuntime runtime, ITimerScheduler scheduler, TimeProvider clock, ILogger<FireBookmarkJob> logger) : IJob
{
    public const string BookmarkIdKey = "bookmarkId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var id = Guid.Parse(context.MergedJobDataMap.GetString(BookmarkIdKey)!);
        try
        {
            await runtime.FireAsync(id, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The bookmark is still stored: try again shortly (and RecoverAsync re-schedules it at every start anyway).
            logger.LogError(e, "Firing bookmark {BookmarkId} failed; trying again in 30 seconds", id);
            await scheduler.ScheduleAsync(id, clock.GetUtcNow().AddSeconds(30), CancellationToken.None);
        }
    }
}
