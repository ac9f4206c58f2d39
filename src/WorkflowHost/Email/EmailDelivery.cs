using System.Collections.Concurrent;
using Hangfire;
using Microsoft.Extensions.Options;
using WorkflowHost.Composition;
using WorkflowHost.Notifications;

namespace WorkflowHost.Email;

/// <summary>
/// Drains the email queue (a Hangfire job, run on a schedule and right after new emails are queued): claims a batch
/// of due messages with a lease, sends them over one connection, and records the batch's outcome; several such
/// connections run at once (<see cref="NotificationOptions.Connections"/>), and every host claims its own batches, so
/// each adds capacity. A 5xx reply makes that email dead at once; a 4xx reply, a timeout or a network failure is
/// retried with a growing delay until it has failed for <see cref="NotificationOptions.GiveUpAfter"/> (a day by
/// default), then it is dead, for administrators to see.
/// The lease (<see cref="NotificationOptions.DeliveryLease"/>) is the batch's real bound: no message is started with
/// less than a command timeout left on it, none runs past it (the send is cancelled), and what is left is handed
/// back, so the host that claims the rest after the lease never overlaps with this one. A killed host's emails are
/// sent by another host once the lease has run out.
/// An email the server accepted is never sent again because recording "sent" failed: that record is kept in
/// memory and written as soon as the database answers, and the message is skipped meanwhile. (A host killed
/// between the server's "250" and the batch's record sends those messages again, with the same Message-ID.)
/// </summary>
// The semaphore's wait handle is never asked for, so it holds nothing to release; disposing it under a running job would throw.
#pragma warning disable CA1001
public sealed class EmailDelivery(EmailMessageStore store, IEmailSender sender, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<EmailDelivery> logger, TrialMode? trial = null)
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly ConcurrentDictionary<string, (int Attempts, DateTimeOffset At)> _unrecorded = new();

    /// <summary>Sent emails whose "sent" record is not written yet.</summary>
    public int Unrecorded => _unrecorded.Count;

    /// <summary>The Hangfire job: sends batches over several connections until nothing is due. A run already going on in
    /// this host makes it return.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Email delivery")]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!await _running.WaitAsync(0, ct)) return;
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Connections)).Select(_ => Task.Run(async () =>
            {
                while (await SendBatchAsync(ct) > 0) { }
            }, ct)));
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Claims and sends one batch of due emails over one connection. Returns how many it claimed.</summary>
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await RecordUnrecordedAsync(ct);
        var o = options.Value;
        var now = clock.GetUtcNow();
        var leaseUntil = now + o.DeliveryLease;
        var due = await store.ClaimDueAsync(now, leaseUntil, o.BatchSize, _unrecorded.Keys.ToList(), ct);
        if (due.Count == 0) return 0;
        // The last moment a message may start: one command timeout before the lease ends (at most half the lease).
        var lastStart = leaseUntil - TimeSpan.FromTicks(Math.Min(o.Smtp.CommandTimeout.Ticks, o.DeliveryLease.Ticks / 2));
        using var leaseEnds = new CancellationTokenSource(leaseUntil - now, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct, leaseEnds.Token);
        var sent = new List<(string Id, int Attempts)>();
        IEmailConnection? connection = null;
        try
        {
            for (var i = 0; i < due.Count; i++)
            {
                var email = due[i];
                if (clock.GetUtcNow() is var at && at > lastStart)
                {
                    // Out of lease: the rest go back to the queue now, for this host's next batch or another host.
                    await store.ReleaseAsync(due.Skip(i).Select(e => e.Id).ToList(), leaseUntil, at, ct);
                    break;
                }
                if (connection is not { IsUsable: true })
                {
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                    try
                    {
                        connection = await sender.ConnectAsync(sending.Token);
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
                    await connection.SendAsync(MailMessages.Build(outgoing, o.Smtp.From), sending.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    await RecordFailureAsync(email, e, ct);
                    continue;
                }
                sent.Add((email.Id, email.Attempts + 1));
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
            await RecordSentAsync(sent, CancellationToken.None); // what the server has is recorded, even on shutdown
        }
        return due.Count;
    }

    private async Task RecordSentAsync(IReadOnlyList<(string Id, int Attempts)> sent, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        try
        {
            await store.MarkSentAsync(sent, at, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The server has the messages: this is not a failure to send, and they must not be sent again.
            foreach (var (id, attempts) in sent) _unrecorded[id] = (attempts, at);
            logger.LogError(e, "{Count} email(s) were sent but recording that failed; recording them again on the next run", sent.Count);
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
