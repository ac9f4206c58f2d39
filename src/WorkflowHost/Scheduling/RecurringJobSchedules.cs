namespace WorkflowHost.Scheduling;

/// <summary>
/// The <c>BackgroundJobs</c> section: cron expressions of the recurring Hangfire jobs (six fields: seconds
/// first; five fields: minutes). An empty value turns a job off. The digest runs in <c>Email:TimeZone</c>.
/// </summary>
public sealed class RecurringJobSchedules
{
    /// <summary>Notification outbox -> email rows. Every 5 seconds: mail follows a step promptly.</summary>
    public string? OutboxDispatch { get; set; } = "*/5 * * * * *";
    /// <summary>Email rows -> the server. The dispatcher also starts it at once when it queued mail; this catches retries.</summary>
    public string? EmailDelivery { get; set; } = "*/15 * * * * *";
    /// <summary>Daily digests; the job itself waits for <c>Email:DigestHour</c>, so a late run still makes the day's digest.</summary>
    public string? Digest { get; set; } = "*/10 * * * *";
    /// <summary>The daily email of the evidence chains' signed heads to <c>Sealing:AuditorEmail</c> (in <c>Email:TimeZone</c>).</summary>
    public string? SealedHeadsReport { get; set; } = "0 7 * * *";
    /// <summary>The portfolio's annual-fee calendar: status changes and the keep-or-abandon decisions to open (in <c>Email:TimeZone</c>).</summary>
    public string? PortfolioFeeCalendar { get; set; } = "0 6 * * *";
    /// <summary>Deletes old sent email.</summary>
    public string? EmailSweep { get; set; } = "30 3 * * *";
}
