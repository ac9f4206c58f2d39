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
/// recipient, in the recipient's language (a Hangfire job on a short schedule). Each row's key is the event id
/// plus the address, inserted only if absent: a crash before the outbox message is marked done re-runs it
/// without sending anything twice. Nothing is dropped silently: a recipient the user directory does not know,
/// and a notification that keeps failing, are recorded as <see cref="NotificationProblem"/>s for administrators. The same
/// pass hands the outbox's task events (reassigned, delegated) to every <see cref="ITaskEventListener"/> (the domain's
/// evidence), with the same retries.
/// </summary>
public sealed class NotificationDispatcher(
    IWorkflowStore store, IUserDirectory users, EmailTemplates templates, EmailMessageStore emails, NotificationProblemStore problems,
    IBackgroundJobClient jobs, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationDispatcher> logger,
    IEnumerable<ITaskEventListener> taskEventListeners)
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
                if (handled == 0) break;
            }
            // Deliver now rather than at the delivery job's next scheduled run.
            if (queued > 0) jobs.Enqueue<EmailDelivery>(d => d.RunAsync(CancellationToken.None));
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Handles the outbox messages due now. Returns how many it handled and how many emails it queued.</summary>
    public async Task<(int Handled, int Queued)> DispatchOnceAsync(CancellationToken ct)
    {
        var pending = await store.GetPendingOutboxAsync(clock.GetUtcNow(), 50, ct);
        var queued = 0;
        foreach (var message in pending)
        {
            try
            {
                if (message.Kind == OutboxKinds.Notification)
                    queued += await DispatchAsync(JsonSerializer.Deserialize<Notification>(message.Payload, EngineJson.Options)!, message.Payload, null, ct);
                else if (message.Kind == OutboxKinds.TaskEvent)
                {
                    var taskEvent = JsonSerializer.Deserialize<TaskEvent>(message.Payload, EngineJson.Options)!;
                    foreach (var listener in taskEventListeners) await listener.OnTaskEventAsync(taskEvent, ct);
                }
                message.ProcessedAt = clock.GetUtcNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
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
                    logger.LogError(e, "Notification {Id} is dead after {Attempts} attempts", message.Id, message.Attempts);
                }
                else
                {
                    message.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, message.Attempts)));
                    logger.LogWarning(e, "Notification {Id} failed (attempt {Attempt})", message.Id, message.Attempts);
                }
            }
            await store.UpdateOutboxAsync(message, ct);
        }
        return (pending.Count, queued);
    }

    /// <summary>
    /// Queues the emails of one notification (to <paramref name="onlyUser"/> alone when given: an administrator's
    /// retry of a recipient that had no contact). Returns how many emails it queued.
    /// </summary>
    public async Task<int> DispatchAsync(Notification n, string payload, string? onlyUser, CancellationToken ct)
    {
        var recipients = new List<UserContact>();
        foreach (var user in onlyUser is null ? n.Users : [onlyUser])
        {
            if (await users.FindAsync(user, ct) is { } contact)
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
            foreach (var group in n.Groups) recipients.AddRange(await users.MembersOfAsync(group, ct));
            foreach (var address in n.Addresses) recipients.Add(new UserContact(address, null, address, options.Value.DefaultLanguage, false));
        }

        var queued = 0;
        foreach (var recipient in recipients.DistinctBy(r => r.Email.ToLowerInvariant()))
        {
            var template = await templates.FindAsync(n.Template, recipient.Language, ct)
                           ?? new EmailTemplate(n.Template, recipient.Language, "{{taskName}} ({{businessKey}})", "{{taskName}}\n{{link}}", "<p>{{taskName}}</p><p><a href=\"{{link}}\">{{link}}</a></p>");
            var rendered = TemplateRenderer.Render(template, NotificationValues.For(n, recipient, options.Value));
            var now = clock.GetUtcNow();
            var held = recipient.Digest;
            queued += held ? 0 : 1;
            await emails.AddAsync(new EmailMessage(Guid.NewGuid().ToString(), $"{n.EventId}:{recipient.Email.ToLowerInvariant()}", n.Kind,
                recipient.Email, recipient.DisplayName, recipient.Email == recipient.UserId ? null : recipient.UserId, template.Language,
                rendered.Subject, rendered.Text, rendered.Html, n.TaskId?.ToString(), held ? EmailStatus.Digest : EmailStatus.Pending, 0,
                now.UtcTicks, null, now, null), ct);
        }
        return queued;
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
