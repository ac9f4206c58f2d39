using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using WorkflowHost.Email;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace WorkflowHost.Notifications;

/// <summary>
/// Turns the engine's outbox notifications (written in the step's transaction) into one email row per
/// recipient, in the recipient's language (a Hangfire job on a short schedule). It claims a batch of notifications
/// with a lease (<see cref="NotificationOptions.OutboxBatchSize"/>, <see cref="NotificationOptions.OutboxLease"/>), so
/// that every host dispatches its own share, writes the batch's emails in one transaction and settles the batch in
/// another. Each email row's key is the event id plus the address, inserted only if absent: a host that dies before
/// settling its batch leaves it to be claimed again when the lease runs out, without anything sent twice. Nothing is
/// dropped silently: a recipient the user directory does not know, and a notification that keeps failing, are
/// recorded as <see cref="NotificationProblem"/>s for administrators.
/// The same pass hands the outbox's task events (reassigned, delegated) to every <see cref="ITaskEventListener"/>, and its
/// instance migrations to every <see cref="IInstanceMigrationListener"/> and its administrators' repairs (variables changed,
/// incidents retried, tokens moved) to every <see cref="IInstanceOperationListener"/> (the domain's evidence), with the same retries; a listener sees an event again if its batch is claimed again, and keeps
/// it once by its id.
/// </summary>
// The semaphore's wait handle is never asked for, so it holds nothing to release; disposing it under a running job would throw.
#pragma warning disable CA1001
public sealed class NotificationDispatcher(
    IWorkflowStore store, IUserDirectory users, EmailTemplates templates, EmailMessageStore emails, NotificationProblemStore problems,
    IBackgroundJobClient jobs, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationDispatcher> logger,
    IEnumerable<ITaskEventListener> taskEventListeners, IEnumerable<IInstanceMigrationListener> migrationListeners,
    IEnumerable<IInstanceOperationListener> operationListeners)
#pragma warning restore CA1001
{
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>The Hangfire job: handles outbox messages until none is due, then starts the email delivery if it queued any.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Notification outbox")]
    public async Task RunAsync(CancellationToken ct)
    {
        if (!await _running.WaitAsync(0, ct)) return;
        try
        {
            var queued = 0;
            while (true)
            {
                var (handled, added) = await DispatchOnceAsync(ct);
                queued += added;
                // Deliver now rather than at the delivery job's next scheduled run (once per batch: delivery runs alongside).
                if (added > 0) jobs.Enqueue<EmailDelivery>(d => d.RunAsync(CancellationToken.None));
                if (handled == 0) break;
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Claims and handles one batch of the outbox messages due now. Returns how many it handled and how many emails it queued.</summary>
    public async Task<(int Handled, int Queued)> DispatchOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = clock.GetUtcNow();
        var claimed = await store.ClaimOutboxAsync(now, now + o.OutboxLease, o.OutboxBatchSize, ct);
        if (claimed.Count == 0) return (0, 0);
        var recipients = new RecipientLookup(users, templates);
        var rows = new List<EmailMessage>();
        var settled = new List<OutboxMessage>();
        foreach (var message in claimed)
        {
            try
            {
                if (message.Kind == OutboxKinds.Notification)
                    rows.AddRange(await EmailsAsync(JsonSerializer.Deserialize<Notification>(message.Payload, EngineJson.Options)!, message.Payload, null, recipients, ct));
                else if (message.Kind == OutboxKinds.TaskEvent)
                {
                    var taskEvent = JsonSerializer.Deserialize<TaskEvent>(message.Payload, EngineJson.Options)!;
                    foreach (var listener in taskEventListeners) await listener.OnTaskEventAsync(taskEvent, ct);
                }
                else if (message.Kind == OutboxKinds.InstanceMigrated)
                {
                    var migrated = JsonSerializer.Deserialize<InstanceMigratedEvent>(message.Payload, EngineJson.Options)!;
                    foreach (var listener in migrationListeners) await listener.OnInstanceMigratedAsync(migrated, ct);
                }
                else if (message.Kind == OutboxKinds.InstanceOperated)
                {
                    var operated = JsonSerializer.Deserialize<InstanceOperatedEvent>(message.Payload, EngineJson.Options)!;
                    foreach (var listener in operationListeners) await listener.OnInstanceOperatedAsync(operated, ct);
                }
                message.ProcessedAt = clock.GetUtcNow();
                message.NextAttemptAt = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await FailedAsync(message, e, ct);
            }
            settled.Add(message);
        }
        // The emails first, then the batch marked done: a crash between the two re-runs the batch, adding nothing twice.
        await emails.AddManyAsync(rows, ct);
        await store.UpdateOutboxAsync(settled, ct);
        return (claimed.Count, rows.Count(r => r.Status == EmailStatus.Pending));
    }

    private async Task FailedAsync(OutboxMessage message, Exception e, CancellationToken ct)
    {
        message.Attempts++;
        message.LastError = e.Message;
        if (message.Attempts >= options.Value.OutboxMaxAttempts)
        {
            // Out of the queue, into the administrators' list, with the payload to retry it from.
            await problems.AddAsync(new NotificationProblem(Guid.NewGuid().ToString(), NotificationProblem.Dead, message.Id.ToString(), "",
                Kind(message.Payload), Instance(message.Payload), $"{message.Attempts} attempts failed; the last: {e.Message}",
                message.Payload, clock.GetUtcNow(), null), ct);
            message.ProcessedAt = clock.GetUtcNow();
            message.NextAttemptAt = null;
            logger.LogError(e, "Notification {Id} is dead after {Attempts} attempts", message.Id, message.Attempts);
        }
        else
        {
            message.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, message.Attempts)));
            logger.LogWarning(e, "Notification {Id} failed (attempt {Attempt})", message.Id, message.Attempts);
        }
    }

    /// <summary>
    /// Queues the emails of one notification (to <paramref name="onlyUser"/> alone when given: an administrator's
    /// retry of a recipient that had no contact). Returns how many emails it queued.
    /// </summary>
    public async Task<int> DispatchAsync(Notification n, string payload, string? onlyUser, CancellationToken ct)
    {
        var rows = await EmailsAsync(n, payload, onlyUser, new RecipientLookup(users, templates), ct);
        await emails.AddManyAsync(rows, ct);
        return rows.Count(r => r.Status == EmailStatus.Pending);
    }

    /// <summary>The email rows of one notification, one per recipient in their language (held for a digest if they chose one).</summary>
    private async Task<List<EmailMessage>> EmailsAsync(Notification n, string payload, string? onlyUser, RecipientLookup lookup, CancellationToken ct)
    {
        var recipients = new List<UserContact>();
        foreach (var user in onlyUser is null ? n.Users : [onlyUser])
        {
            if (await lookup.FindAsync(user, ct) is { } contact)
            {
                recipients.Add(contact);
                continue;
            }
            if (onlyUser is not null) throw new InvalidOperationException($"User '{user}' still has no contact.");
            await problems.AddAsync(new NotificationProblem(Guid.NewGuid().ToString(), NotificationProblem.NoContact, n.EventId.ToString(), user,
                n.Kind, n.InstanceId.ToString(), $"No contact for user '{user}': the {n.Kind} of instance {n.InstanceId} was not sent to them.",
                payload, clock.GetUtcNow(), null), ct);
            logger.LogWarning("No contact for user {User}; {Kind} for instance {Instance} not sent to them (shown to administrators)", user, n.Kind, n.InstanceId);
        }
        if (onlyUser is null)
        {
            foreach (var group in n.Groups) recipients.AddRange(await lookup.MembersOfAsync(group, ct));
            foreach (var address in n.Addresses) recipients.Add(new UserContact(address, null, address, options.Value.DefaultLanguage, false));
        }

        var rows = new List<EmailMessage>();
        foreach (var recipient in recipients.DistinctBy(r => r.Email.ToLowerInvariant()))
        {
            var template = await lookup.TemplateAsync(n.Template, recipient.Language, ct)
                           ?? new EmailTemplate(n.Template, recipient.Language, "{{taskName}} ({{businessKey}})", "{{taskName}}\n{{link}}", "<p>{{taskName}}</p><p><a href=\"{{link}}\">{{link}}</a></p>");
            var rendered = TemplateRenderer.Render(template, NotificationValues.For(n, recipient, options.Value));
            var now = clock.GetUtcNow();
            var held = recipient.Digest;
            rows.Add(new EmailMessage(Guid.NewGuid().ToString(), $"{n.EventId}:{recipient.Email.ToLowerInvariant()}", n.Kind,
                recipient.Email, recipient.DisplayName, recipient.Email == recipient.UserId ? null : recipient.UserId, template.Language,
                rendered.Subject, rendered.Text, rendered.Html, n.TaskId?.ToString(), held ? EmailStatus.Digest : EmailStatus.Pending, 0,
                now.UtcTicks, null, now, null));
        }
        return rows;
    }

    private static string Kind(string payload)
    {
        try { return JsonSerializer.Deserialize<Notification>(payload, EngineJson.Options)?.Kind ?? "unknown"; }
        catch (JsonException) { return "unreadable"; }
    }

    private static string Instance(string payload)
    {
        try { return JsonSerializer.Deserialize<Notification>(payload, EngineJson.Options)?.InstanceId.ToString() ?? ""; }
        catch (JsonException) { return ""; }
    }
}
