namespace Workflows.Engine.Contracts;

/// <summary>
/// Turns due bookmarks into wake-ups. Scheduling is keyed by bookmark id, so scheduling twice is harmless;
/// when a wake-up comes the runtime's <see cref="IWorkflowRuntime.FireAsync"/> does nothing if the bookmark is gone.
/// Implemented by the host's timer pump (which reads the bookmark rows and only needs a wake-up), and by a manual clock in tests.
/// </summary>
public interface ITimerScheduler
{
    Task ScheduleAsync(Guid bookmarkId, DateTimeOffset dueAt, CancellationToken ct = default);
    Task CancelAsync(Guid bookmarkId, CancellationToken ct = default);
}
