using Hangfire;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Notifications;

/// <summary>The nightly sweep (a Hangfire job): sent emails older than <see cref="NotificationOptions.KeepSentFor"/> are deleted.</summary>
public sealed class EmailSweep(EmailMessageStore emails, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<EmailSweep> logger)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Email sweep")]
    public async Task RunAsync(CancellationToken ct)
    {
        var deleted = await emails.PurgeSentAsync(clock.GetUtcNow() - options.Value.KeepSentFor, ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} sent email(s) older than {Age}", deleted, options.Value.KeepSentFor);
    }
}
