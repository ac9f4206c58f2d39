using System.Text.Json;
using Microsoft.Extensions.Options;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace WorkflowHost.Notifications;

/// <summary>
/// Turns the engine's outbox notifications (written in the step's transaction) into one email row per
/// recipient, in the recipient's language. Each row's key is the event id plus the address, inserted only if
/// absent: a crash before the outbox message is marked done re-runs it without sending anything twice.
/// </summary>
public sealed class NotificationDispatcher(
    IWorkflowStore store, IUserDirectory users, EmailTemplates templates, NotificationDatabase db,
    IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await DispatchOnceAsync(ct) == 0) await Task.Delay(options.Value.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogError(e, "Dispatching notifications failed; trying again");
                await Task.Delay(options.Value.PollInterval, ct);
            }
        }
    }

    /// <summary>Handles the outbox messages due now. Returns how many it handled.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        var pending = await store.GetPendingOutboxAsync(clock.GetUtcNow(), 50, ct);
        foreach (var message in pending)
        {
            try
            {
                if (message.Kind == OutboxKinds.Notification)
                    await DispatchAsync(JsonSerializer.Deserialize<Notification>(message.Payload, EngineJson.Options)!, ct);
                message.ProcessedAt = clock.GetUtcNow();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = e.Message;
                message.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(3600, 5 * Math.Pow(2, message.Attempts)));
                logger.LogWarning(e, "Notification {Id} failed (attempt {Attempt})", message.Id, message.Attempts);
            }
            await store.UpdateOutboxAsync(message, ct);
        }
        return pending.Count;
    }

    private async Task DispatchAsync(Notification n, CancellationToken ct)
    {
        var recipients = new List<UserContact>();
        foreach (var user in n.Users)
            if (await users.FindAsync(user, ct) is { } contact) recipients.Add(contact);
            else logger.LogWarning("No contact for user {User}; {Kind} for instance {Instance} not sent to them", user, n.Kind, n.InstanceId);
        foreach (var group in n.Groups) recipients.AddRange(await users.MembersOfAsync(group, ct));
        foreach (var address in n.Addresses) recipients.Add(new UserContact(address, null, address, options.Value.DefaultLanguage, false));

        foreach (var recipient in recipients.DistinctBy(r => r.Email.ToLowerInvariant()))
        {
            var template = await templates.FindAsync(n.Template, recipient.Language, ct)
                           ?? new EmailTemplate(n.Template, recipient.Language, "{{taskName}} ({{businessKey}})", "{{taskName}}\n{{link}}", "<p>{{taskName}}</p><p><a href=\"{{link}}\">{{link}}</a></p>");
            var rendered = TemplateRenderer.Render(template, NotificationValues.For(n, recipient, options.Value));
            var now = clock.GetUtcNow().UtcTicks;
            await db.ExecuteAsync(db.InsertIgnoringDuplicates("email_messages",
                    "id, idempotency_key, kind, to_address, to_user_id, language, subject, text_body, html_body, task_id, status, attempts, next_attempt_at, created_at",
                    "@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, 0, @p11, @p12"), ct,
                Guid.NewGuid().ToString(), $"{n.EventId}:{recipient.Email.ToLowerInvariant()}", n.Kind, recipient.Email,
                recipient.Email == recipient.UserId ? null : recipient.UserId, template.Language, rendered.Subject, rendered.Text, rendered.Html,
                n.TaskId?.ToString(), (int)(recipient.Digest ? EmailStatus.Digest : EmailStatus.Pending), now, now);
        }
    }
}
