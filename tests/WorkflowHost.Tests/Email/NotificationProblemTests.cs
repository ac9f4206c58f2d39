using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Email;
using WorkflowHost.Notifications;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// Nothing is dropped without a trace: a recipient with no contact and an outbox message that keeps failing end
/// up in the administrators' list, from where they can be retried; dead email can be retried all at once.
/// </summary>
public sealed class NotificationProblemTests
{
    private const string Process = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="task" />
            <bpmn:userTask id="task" name="Review" camunda:assignee="nobody-known" />
            <bpmn:sequenceFlow id="f2" sourceRef="task" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static HttpClient Admin(HostFactory host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-User", "root");
        client.DefaultRequestHeaders.Add("X-Test-Roles", "system-administrator");
        return client;
    }

    private static Task<JsonElement> ProblemsAsync(HttpClient admin, int count) => Eventually.ReturnsAsync($"{count} notification problem(s) listed", async () =>
    {
        var problems = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/email/problems");
        return problems.GetArrayLength() >= count ? problems : (JsonElement?)null;
    });

    [Fact]
    public async Task A_recipient_without_a_contact_is_shown_to_administrators_and_mailed_once_the_contact_exists()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, services: HeaderAuthenticationHandler.Register);
        var admin = Admin(host);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(Process, "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "review", BusinessKey = "INV-5" });

        var problem = (await ProblemsAsync(admin, 1)).EnumerateArray().Single();
        Assert.Equal("no-contact", problem.GetProperty("problem").GetString());
        Assert.Equal("nobody-known", problem.GetProperty("userId").GetString());
        Assert.Equal(instance.Id.ToString(), problem.GetProperty("instanceId").GetString());
        var id = problem.GetProperty("id").GetString();

        // Still unknown: a clear conflict, the problem stays.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/admin/email/problems/{id}/retry", null)).StatusCode);
        await host.Services.GetRequiredService<IUserDirectory>().SaveAsync(new UserContact("nobody-known", "Known now", "known@example.edu", "en", false), [], default);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/admin/email/problems/{id}/retry", null)).StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/email/problems")).GetArrayLength());
        var emails = await host.Services.GetRequiredService<NotificationDatabase>().QueryAsync(
            "SELECT to_address, subject FROM email_messages", r => (r.GetString(0), r.GetString(1)), default);
        Assert.Equal(("known@example.edu", "New task: Review (INV-5)"), Assert.Single(emails));
    }

    [Fact]
    public async Task An_outbox_message_that_keeps_failing_becomes_dead_and_visible_instead_of_retrying_forever()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string> { ["Email:OutboxMaxAttempts"] = "2" },
            HeaderAuthenticationHandler.Register);
        var admin = Admin(host);
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        // A poison message (its payload cannot be read), as a bug or a hand edit would leave it.
        var poison = Guid.NewGuid();
        var changes = new StepChanges();
        changes.Outbox.Add(new OutboxMessage { Id = poison, Kind = OutboxKinds.Notification, Payload = "{not json", CreatedAt = host.Clock.GetUtcNow() });
        await store.CommitAsync(changes);
        var dispatcher = host.Services.GetRequiredService<NotificationDispatcher>();
        for (var i = 0; i < 2; i++)
        {
            // Make it due again now rather than after its backoff.
            await store.UpdateOutboxAsync(new OutboxMessage { Id = poison, Kind = OutboxKinds.Notification, Payload = "", Attempts = i, NextAttemptAt = null });
            await dispatcher.DispatchOnceAsync(default);
        }

        Assert.Empty(await store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 10)); // out of the queue
        var problem = (await ProblemsAsync(admin, 1)).EnumerateArray().Single();
        Assert.Equal("dead", problem.GetProperty("problem").GetString());
        Assert.Equal(poison.ToString(), problem.GetProperty("eventId").GetString());
        Assert.Contains("2 attempts", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Administrators_retry_all_dead_email_at_once_or_by_filter()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string> { ["BackgroundJobs:EmailDelivery"] = "" },
            HeaderAuthenticationHandler.Register);
        var admin = Admin(host);
        var emails = host.Services.GetRequiredService<EmailMessageStore>();
        var now = host.Clock.GetUtcNow();
        foreach (var (to, kind) in new[] { ("a@example.edu", "task-reminder"), ("b@example.edu", "task-reminder"), ("c@example.edu", "task-escalated") })
        {
            var id = Guid.NewGuid().ToString();
            await emails.AddAsync(new EmailMessage(id, "k-" + id, kind, to, null, null, "en", "s", "t", "h", null, EmailStatus.Dead, 9, 0,
                "SMTP 550: mailbox unavailable", now, now), default);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/v1/admin/email/messages/dead/retry?since=yesterday", null)).StatusCode);
        var byKind = await admin.PostAsync("/api/v1/admin/email/messages/dead/retry?kind=task-escalated", null);
        Assert.Equal(1, (await byKind.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/email/messages/dead?kind=task-reminder")).GetArrayLength());
        var all = await admin.PostAsync("/api/v1/admin/email/messages/dead/retry", null);
        Assert.Equal(2, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        var pending = await emails.ListAsync(EmailStatus.Pending, default);
        Assert.Equal(3, pending.Count);
        Assert.All(pending, m => Assert.Null(m.FailingSince)); // a fresh day of retries
    }
}
