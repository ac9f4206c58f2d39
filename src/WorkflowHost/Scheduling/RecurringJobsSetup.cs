using Hangfire;
using Microsoft.Extensions.Options;
using WorkflowHost.Email;
using WorkflowHost.Domain;
using WorkflowHost.Notifications;

namespace WorkflowHost.Scheduling;

/// <summary>
/// Registers the recurring jobs at start-up with the schedules from configuration (every host does it; adding
/// the same job again only updates it). A job whose schedule is empty is removed.
/// </summary>
public sealed class RecurringJobsSetup(IRecurringJobManager jobs, IOptions<RecurringJobSchedules> schedules,
    IOptions<NotificationOptions> email, ILoggerFactory loggers, ILogger<RecurringJobsSetup> logger) : IHostedService
{
    public const string OutboxDispatch = "notification-outbox";
    public const string EmailDelivery = "email-delivery";
    public const string Digest = "daily-digest";
    public const string EmailSweep = "email-sweep";
    public const string SealedHeads = "sealed-heads-report";
    public const string FeeCalendar = "portfolio-fee-calendar";

    public Task StartAsync(CancellationToken ct)
    {
        using var logs = HostLogProvider.Enter(loggers); // Hangfire's own lines about these jobs go to this host's log
        var s = schedules.Value;
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        var local = new RecurringJobOptions { TimeZone = email.Value.Zone };
        Register(OutboxDispatch, s.OutboxDispatch, cron => jobs.AddOrUpdate<NotificationDispatcher>(OutboxDispatch, d => d.RunAsync(CancellationToken.None), cron, utc));
        Register(EmailDelivery, s.EmailDelivery, cron => jobs.AddOrUpdate<EmailDelivery>(EmailDelivery, d => d.RunAsync(CancellationToken.None), cron, utc));
        Register(Digest, s.Digest, cron => jobs.AddOrUpdate<DigestService>(Digest, d => d.RunAsync(CancellationToken.None), cron, local));
        Register(SealedHeads, s.SealedHeadsReport, cron => jobs.AddOrUpdate<SealedHeadsReport>(SealedHeads, d => d.RunAsync(CancellationToken.None), cron, local));
        Register(FeeCalendar, s.PortfolioFeeCalendar, cron => jobs.AddOrUpdate<Application.Portfolio.FeeCalendarSweep>(FeeCalendar, d => d.RunAsync(CancellationToken.None), cron, local));
        Register(EmailSweep, s.EmailSweep, cron => jobs.AddOrUpdate<EmailSweep>(EmailSweep, d => d.RunAsync(CancellationToken.None), cron, utc));
        return Task.CompletedTask;
    }

    private void Register(string id, string? cron, Action<string> add)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            jobs.RemoveIfExists(id);
            logger.LogInformation("Recurring job {Job} is off", id);
            return;
        }
        try
        {
            add(cron.Trim());
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"BackgroundJobs schedule of {id} = '{cron}' is not a cron expression: {e.Message}", e);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
