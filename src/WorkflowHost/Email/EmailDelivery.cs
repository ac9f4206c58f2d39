using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Extensions.Options;
using WorkflowHost.Composition;
using WorkflowHost.Notifications;

namespace WorkflowHost.Email;

/// <summary>
/// Drains the email queue (a Hangfire job, run on a schedule and right after new emails are queued): claims due
/// messages, sends them over one connection, and records each outcome. A 5xx reply makes that email dead at
/// once; a 4xx reply, a timeout or a network failure is retried with a growing delay until it has failed for
/// <see cref="NotificationOptions.GiveUpAfter"/> (a day by default), then it is dead, for administrators to see.
/// An email the server accepted is never sent again because recording "sent" failed: that record is kept in
/// memory and written as soon as the database answers, and the message is skipped meanwhile. (A host killed
/// between the server's "250" and the record sends that one message again, with the same Message-ID.)
/// </summary>
public sealed class EmailDelivery(EmailMessageStore store, IEmailSender sender, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<EmailDelivery> logger, TrialMode? trial = null)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly ConcurrentDictionary<string, (int Attempts, DateTimeOffset At)> _unrecorded = new();

    /// <summary>Sent emails whose "sent" record is not written yet.</summary>
    public int Unrecorded => _unrecorded.Count;

    /// <summary>The Hangfire job: sends batches until nothing is due. A run already going on in this host makes it return.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Email delivery")]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!await _running.WaitAsync(0, ct)) return;
        try
        {
            while (await SendBatchAsync(ct) > 0) { }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Sends one batch of due emails over one connection. Returns how many it tried.</summary>
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await RecordUnrecordedAsync(ct);
        var now = clock.GetUtcNow();
        var due = await store.ClaimDueAsync(now, now + Lease, options.Value.BatchSize, _unrecorded.Keys.ToList(), ct);
        if (due.Count == 0) return 0;
        IEmailConnection? connection = null;
        try
        {
            for (var i = 0; i < due.Count; i++)
            {
                var email = due[i];
                if (connection is not { IsUsable: true })
                {
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                    try
                    {
                        connection = await sender.ConnectAsync(ct);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                    {
                        // The server cannot be reached: every email of the batch waits for its next attempt.
                        foreach (var rest in due.Skip(i)) await RecordFailureAsync(rest, e, ct);
                        return due.Count;
                    }
                }
                try
                {
                    var outgoing = trial is { Enabled: true } ? TrialEmailMark.Apply(email.ToOutgoing(), email.Language) : email.ToOutgoing();
                    await connection.SendAsync(MailMessages.Build(outgoing, options.Value.Smtp.From), ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    await RecordFailureAsync(email, e, ct);
                    continue;
                }
                await RecordSentAsync(email.Id, email.Attempts + 1, ct);
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
        return due.Count;
    }

    private async Task RecordSentAsync(string id, int attempts, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        try
        {
            await store.MarkSentAsync(id, attempts, at, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server has the message: this is not a failure to send, and it must not be sent again.
            _unrecorded[id] = (attempts, at);
            logger.LogError(e, "Email {Id} was sent but recording that failed; recording it again on the next run", id);
        }
    }

    private async Task RecordUnrecordedAsync(CancellationToken ct)
    {
        foreach (var (id, (attempts, at)) in _unrecorded)
        {
            await store.MarkSentAsync(id, attempts, at, ct); // throws while the database is still away: the run ends here
            _unrecorded.TryRemove(id, out _);
        }
    }

    private async Task RecordFailureAsync(EmailMessage email, Exception e, CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var attempts = email.Attempts + 1;
        var failingSince = email.FailingSince ?? now;
        var permanent = EmailFailures.IsPermanent(e);
        var dead = permanent || now - failingSince >= o.GiveUpAfter;
        var delay = TimeSpan.FromTicks(Math.Min(o.MaxRetryDelay.Ticks, o.FirstRetryDelay.Ticks * (1L << Math.Min(attempts - 1, 30))));
        await store.MarkFailedAsync(email.Id, attempts, dead, now + delay, failingSince, EmailFailures.Describe(e), ct);
        if (dead)
            logger.LogError("Email {Id} to {To} is dead after {Attempts} attempt(s){Why}: {Error}", email.Id, email.To, attempts,
                permanent ? " (permanent rejection)" : $" over {now - failingSince}", e.Message);
        else
            logger.LogWarning("Email {Id} to {To} failed (attempt {Attempts}): {Error}; next try in {Delay}", email.Id, email.To, attempts, e.Message, delay);
    }
}
