using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Notifications;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>The host's notifications end to end: engine step -> outbox -> email rows -> a real SMTP server.</summary>
public sealed class EmailDeliveryTests
{
    internal const string ScreeningProcess = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="screening" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="screen" />
            <bpmn:userTask id="screen" name="审查披露 Screen" camunda:assignee="${officer}" camunda:dueDate="DUE" wf:reminders="REMINDERS" />
            <bpmn:boundaryEvent id="overdue" attachedToRef="screen">
              <bpmn:timerEventDefinition><bpmn:timeDate>${dueDate}</bpmn:timeDate></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="overdue" targetRef="head" />
            <bpmn:userTask id="head" name="Escalated screening" camunda:candidateGroups="office-head" />
            <bpmn:sequenceFlow id="f3" sourceRef="head" targetRef="end" />
            <bpmn:sequenceFlow id="f4" sourceRef="screen" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static Dictionary<string, string> Smtp(int port) => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = port.ToString(),
        ["Email:Smtp:Security"] = "None",
        ["Email:Smtp:From"] = "office@example.edu",
        ["Email:BaseUrl"] = "https://tto.example.edu",
    };

    internal static async Task<Guid> StartScreeningAsync(IServiceProvider services, string due, string reminders, string officer)
    {
        var runtime = services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(ScreeningProcess.Replace("DUE", due).Replace("REMINDERS", reminders), "test");
        var instance = await runtime.StartAsync(new StartRequest
        {
            ProcessId = "screening", BusinessKey = "INV-2026-042",
            Variables = new() { ["officer"] = officer },
        });
        return instance.Id;
    }

    internal static async Task AddPeopleAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<IUserDirectory>();
        await users.SaveAsync(new UserContact("wang", "王老师", "wang@example.edu", "zh-CN", false), ["technology-manager"], default);
        await users.SaveAsync(new UserContact("alice", "Alice", "alice@example.edu", "en", false), ["technology-manager"], default);
        await users.SaveAsync(new UserContact("head", "Head of office", "head@example.edu", "en", false), ["office-head"], default);
    }

    /// <summary>Mail in the host's pickup folder (the default sender without SMTP).</summary>
    internal static string[] Pickup(string data)
    {
        var pickup = Path.Combine(data, "mail");
        return Directory.Exists(pickup) ? Directory.GetFiles(pickup, "*.eml") : [];
    }

    /// <summary>
    /// Waits until the host has nothing left to send: no outbox message and no email waiting. A message sent twice
    /// would have been sent by then, so counting after this proves "once".
    /// </summary>
    internal static Task QuietAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<IWorkflowStore>();
        var db = services.GetRequiredService<NotificationDatabase>();
        async Task<int> Waiting() => (await db.QueryAsync("SELECT id FROM email_messages WHERE status = @p0", r => r.GetString(0), default, (int)EmailStatus.Pending)).Count;
        return Eventually.HoldsAsync("the outbox and the email queue drained",
            async () => (await store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 1)).Count == 0 && await Waiting() == 0);
    }

    [Fact]
    public async Task Reminders_and_the_escalation_arrive_once_each_in_the_assignees_language_across_a_restart()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var (data, workflows) = HostFactory.NewFolders();
        Guid instanceId;
        TestClock clock;

        // Due in 3 days, reminders 2 days and 1 day before it, escalation at the due date.
        await using (var first = new HostFactory(data, workflows, Smtp(smtp.Port)))
        {
            _ = first.CreateClient();
            await AddPeopleAsync(first.Services);
            instanceId = await StartScreeningAsync(first.Services, "P3D", "P2D,P1D", "wang");
            await smtp.WaitForAsync(1); // the assignment
            first.Clock.Advance(TimeSpan.FromDays(1));
            await smtp.WaitForAsync(2); // and the first reminder
            clock = first.Clock;
        }

        await using var second = new HostFactory(data, workflows, Smtp(smtp.Port), clock: clock);
        _ = second.CreateClient();
        clock.Advance(TimeSpan.FromDays(1));
        await smtp.WaitForAsync(3); // the second reminder
        clock.Advance(TimeSpan.FromDays(1));
        await smtp.WaitForAsync(5); // the escalation, and the office head's new task
        await QuietAsync(second.Services);
        var mails = smtp.Messages();

        var toWang = mails.Where(m => m.To.Contains("wang@example.edu")).ToList();
        Assert.Equal(4, toWang.Count); // assigned, two reminders, escalated
        Assert.Single(toWang, m => m.Subject.StartsWith("新任务：审查披露 Screen（INV-2026-042）", StringComparison.Ordinal));
        Assert.Equal(2, toWang.Count(m => m.Subject.StartsWith("提醒：审查披露 Screen", StringComparison.Ordinal)));
        Assert.Single(toWang, m => m.Subject.StartsWith("已逾期，已转负责人督办：审查披露 Screen", StringComparison.Ordinal));
        Assert.Equal(toWang.Count, toWang.Select(m => m.MessageId).Distinct().Count());
        var task = (await second.Services.GetRequiredService<IWorkflowStore>().QueryTasksAsync(new TaskQuery { InstanceId = instanceId, OpenOnly = false }))
            .Single(t => t.ElementId == "screen");
        Assert.Contains($"https://tto.example.edu/tasks/{task.Id}", toWang.First(m => m.Subject.StartsWith("提醒", StringComparison.Ordinal)).Body);
        Assert.Contains("王老师", toWang[0].Body);

        // The escalated task goes to the office head's group: told in English.
        var toHead = Assert.Single(mails, m => m.To.Contains("head@example.edu"));
        Assert.StartsWith("New task: Escalated screening (INV-2026-042)", toHead.Subject);
        Assert.Equal(5, mails.Count);
    }

    [Fact]
    public async Task With_the_mail_server_down_messages_wait_and_all_arrive_once_when_it_is_back()
    {
        var port = SmtpTestServer.FreePort();
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, Smtp(port));
        _ = host.CreateClient();
        await AddPeopleAsync(host.Services);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(ScreeningProcess.Replace("camunda:assignee=\"${officer}\"", "camunda:candidateGroups=\"technology-manager\"")
            .Replace("DUE", "P5D").Replace("REMINDERS", "P1D"), "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "screening", BusinessKey = "INV-7" });

        var db = host.Services.GetRequiredService<NotificationDatabase>();
        async Task<List<(int Status, int Attempts)>> Rows() => await db.QueryAsync("SELECT status, attempts FROM email_messages",
            r => (Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1))), default);
        await Eventually.HoldsAsync("a failed attempt to send", async () => (await Rows()).Any(r => r.Attempts >= 1));
        var waiting = await Rows();
        Assert.Equal(2, waiting.Count); // wang and alice, as tech managers
        Assert.All(waiting, r => Assert.Equal((int)EmailStatus.Pending, r.Status));
        Assert.Contains(waiting, r => r.Attempts >= 1);

        await using var smtp = new SmtpTestServer(port);
        await smtp.StartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(10)); // past the retry's backoff
        await smtp.WaitForAsync(2);
        await QuietAsync(host.Services);
        var mails = smtp.Messages();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, m => m.To.Contains("wang@example.edu") && m.Subject.StartsWith("新任务", StringComparison.Ordinal));
        Assert.Single(mails, m => m.To.Contains("alice@example.edu") && m.Subject.StartsWith("New task", StringComparison.Ordinal));
        Assert.All(await Rows(), r => Assert.Equal((int)EmailStatus.Sent, r.Status));
    }

    [Fact]
    public async Task Dispatching_the_same_notification_again_sends_nothing_twice()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        await AddPeopleAsync(host.Services);
        await StartScreeningAsync(host.Services, "P5D", "P1D", "alice");
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        var dispatcher = host.Services.GetRequiredService<NotificationDispatcher>();
        var db = host.Services.GetRequiredService<NotificationDatabase>();
        var rows = await Eventually.ReturnsAsync("the task's email row", async () =>
            await db.QueryAsync("SELECT idempotency_key FROM email_messages", r => r.GetString(0), default) is { Count: > 0 } found ? found : null);

        // As if the host died after writing the emails but before marking the outbox message done.
        var all = await store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 100);
        Assert.Empty(all);
        var eventId = Guid.Parse(rows[0].Split(':')[0]);
        await store.UpdateOutboxAsync(new OutboxMessage { Id = eventId, Kind = OutboxKinds.Notification, Payload = "", ProcessedAt = null });
        await dispatcher.DispatchOnceAsync(default);
        await host.Services.GetRequiredService<WorkflowHost.Email.EmailDelivery>().RunAsync(default);

        Assert.Single(await db.QueryAsync("SELECT idempotency_key FROM email_messages", r => r.GetString(0), default));
        await Eventually.HoldsAsync("the mail in the pickup folder", () => Pickup(data).Length > 0);
        await QuietAsync(host.Services);
        Assert.Single(Pickup(data));
    }
}

public sealed class DigestTests
{
    [Fact]
    public async Task A_user_who_chose_the_digest_gets_one_email_for_the_day()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        var users = host.Services.GetRequiredService<IUserDirectory>();
        await users.SaveAsync(new UserContact("li", "李老师", "li@example.edu", "zh-CN", Digest: true), [WorkflowHost.Identity.Roles.TechnologyManager], default);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Email", "disclosure-screening.bpmn")), "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "disclosure_screening", BusinessKey = "INV-1" });
        await runtime.StartAsync(new StartRequest { ProcessId = "disclosure_screening", BusinessKey = "INV-2" });

        var db = host.Services.GetRequiredService<NotificationDatabase>();
        async Task<List<int>> Statuses() => await db.QueryAsync("SELECT status FROM email_messages", r => Convert.ToInt32(r.GetValue(0)), default);
        await Eventually.HoldsAsync("both messages held for the digest", async () => (await Statuses()).Count(s => s == (int)EmailStatus.Digest) == 2);

        var digests = host.Services.GetRequiredService<DigestService>();
        var day = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime.AddDays(1)); // a day whose digest hour is after everything here (a fixed date failed once it had passed)
        Assert.Equal(1, await digests.SendDigestsAsync(day, default));
        Assert.Equal(0, await digests.SendDigestsAsync(day, default));

        await Eventually.HoldsAsync("the digest in the pickup folder", () => EmailDeliveryTests.Pickup(data).Length > 0);
        await EmailDeliveryTests.QuietAsync(host.Services);
        var mail = ReceivedMail.Parse(File.ReadAllText(Assert.Single(EmailDeliveryTests.Pickup(data))));
        Assert.StartsWith("每日摘要：2 条通知", mail.Subject);
        Assert.Contains("INV-1", mail.Body);
        Assert.Contains("INV-2", mail.Body);
    }

    /// <summary>
    /// A message held after the day's digest exists stays held for the next digest: before the fix, running the
    /// digest again marked it as gathered into a digest that was never made, and it was lost.
    /// </summary>
    [Fact]
    public async Task A_message_held_after_the_days_digest_waits_for_the_next_one()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        await host.Services.GetRequiredService<IUserDirectory>()
            .SaveAsync(new UserContact("li", "李老师", "li@example.edu", "zh-CN", Digest: true), ["technology-manager"], default);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Email", "disclosure-screening.bpmn")), "test");
        var db = host.Services.GetRequiredService<NotificationDatabase>();
        async Task<List<(string Subject, int Status)>> Rows() =>
            await db.QueryAsync("SELECT subject, status FROM email_messages", r => (r.GetString(0), Convert.ToInt32(r.GetValue(1))), default);
        Task HeldAsync(int count) => Eventually.HoldsAsync($"{count} message(s) held for a digest",
            async () => (await Rows()).Count(r => r.Status is (int)EmailStatus.Digest or (int)EmailStatus.InDigest) >= count);
        var digests = host.Services.GetRequiredService<DigestService>();
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime.AddDays(1)); // a day whose digest hour is after everything here

        await runtime.StartAsync(new StartRequest { ProcessId = "disclosure_screening", BusinessKey = "INV-1" });
        await HeldAsync(1);
        Assert.Equal(1, await digests.SendDigestsAsync(today, default));

        await runtime.StartAsync(new StartRequest { ProcessId = "disclosure_screening", BusinessKey = "INV-2" });
        await HeldAsync(2);
        Assert.Equal(0, await digests.SendDigestsAsync(today, default)); // today's digest exists: INV-2 must wait, not vanish
        Assert.Single(await Rows(), r => r.Status == (int)EmailStatus.Digest && r.Subject.Contains("INV-2"));

        Assert.Equal(1, await digests.SendDigestsAsync(today.AddDays(1), default));
        var next = Assert.Single(await db.QueryAsync("SELECT text_body FROM email_messages WHERE kind = 'digest' AND idempotency_key LIKE @p0",
            r => r.GetString(0), default, $"%{today.AddDays(1):yyyy-MM-dd}"));
        Assert.Contains("INV-2", next);
        Assert.DoesNotContain("INV-1", next);
    }
}
