using Microsoft.Extensions.Options;
using WorkflowHost.Notifications;

namespace WorkflowHost.Email;

/// <summary>
/// Drains the email outbox: claims a due message (so two hosts never send the same one), sends it, marks it
/// sent; on failure retries with exponential backoff and, after the configured attempts, marks it dead for
/// administrators to see. A crash after the server accepted a message but before it was marked sent can repeat
/// that one message; its Message-ID is stable, so receivers can drop the copy.
/// </summary>
public sealed class EmailSenderService(NotificationDatabase db, IEmailSender sender, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<EmailSenderService> logger) : BackgroundService
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await SendOnceAsync(ct) == 0) await Task.Delay(options.Value.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogError(e, "The email sender failed; trying again");
                await Task.Delay(options.Value.PollInterval, ct);
            }
        }
    }

    /// <summary>Sends what is due now. Returns how many messages it tried.</summary>
    public async Task<int> SendOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.QueryAsync("""
            SELECT id, idempotency_key, to_address, subject, text_body, html_body, attempts, next_attempt_at FROM email_messages
            WHERE status = 0 AND next_attempt_at <= @p0 ORDER BY created_at LIMIT 20
            """, r => (Id: r.GetString(0), Key: r.GetString(1), To: r.GetString(2), Subject: r.GetString(3), Text: r.GetString(4),
            Html: r.GetString(5), Attempts: Convert.ToInt32(r.GetValue(6)), NextAttempt: Convert.ToInt64(r.GetValue(7))), ct, now.UtcTicks);
        foreach (var m in due)
        {
            // Claim it: only the host whose update matches sends it.
            var claimed = await db.ExecuteAsync("UPDATE email_messages SET next_attempt_at = @p0 WHERE id = @p1 AND status = 0 AND next_attempt_at = @p2",
                ct, (now + Lease).UtcTicks, m.Id, m.NextAttempt);
            if (claimed != 1) continue;
            try
            {
                await sender.SendAsync(new OutgoingEmail(m.Key, m.To, m.Subject, m.Text, m.Html), ct);
                await db.ExecuteAsync("UPDATE email_messages SET status = @p0, attempts = @p1, sent_at = @p2, last_error = NULL WHERE id = @p3",
                    ct, (int)EmailStatus.Sent, m.Attempts + 1, clock.GetUtcNow().UtcTicks, m.Id);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = m.Attempts + 1;
                var dead = attempts >= options.Value.MaxAttempts;
                var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, options.Value.FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20))));
                await db.ExecuteAsync("UPDATE email_messages SET status = @p0, attempts = @p1, next_attempt_at = @p2, last_error = @p3 WHERE id = @p4",
                    ct, (int)(dead ? EmailStatus.Dead : EmailStatus.Pending), attempts, (clock.GetUtcNow() + delay).UtcTicks, e.Message, m.Id);
                if (dead) logger.LogError(e, "Email {Id} to {To} is dead after {Attempts} attempts", m.Id, m.To, attempts);
                else logger.LogWarning("Email {Id} to {To} failed (attempt {Attempts}): {Error}; next try in {Delay}", m.Id, m.To, attempts, e.Message, delay);
            }
        }
        return due.Count;
    }
}
