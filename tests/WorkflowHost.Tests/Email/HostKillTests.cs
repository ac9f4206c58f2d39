using Microsoft.Data.Sqlite;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Email;

/// <summary>The real host as a child process, killed with SIGKILL while reminders are pending: each still arrives once.</summary>
public sealed class HostKillTests
{
    [Fact]
    public async Task A_killed_host_sends_each_pending_reminder_once_after_restart()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var (data, _) = HostFactory.NewFolders();
        var settings = new Dictionary<string, string>(HostFactory.FastJobs)
        {
            ["Storage:DataPath"] = data, ["Workflows:Path"] = Path.Combine(data, "no-workflows"),
            ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = smtp.Port.ToString(), ["Email:Smtp:Security"] = "None",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var host = new HostProcess(settings);
        await host.StartAsync(); // creates the schema
        await host.KillAsync();

        var connection = WorkflowPersistence.SqliteConnectionString(Path.Combine(data, "workflows.db"));
        await using (var db = new SqliteConnection(connection))
        {
            await db.OpenAsync();
            await using var insert = db.CreateCommand();
            // A user without a password (the notification directory reads Identity's users table).
            insert.CommandText = """
                INSERT INTO users (id, display_name, language, digest, user_name, normalized_user_name, email, normalized_email,
                    email_confirmed, security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
                VALUES ('alice', 'Alice', 'en', 0, 'alice@example.edu', 'ALICE@EXAMPLE.EDU', 'alice@example.edu', 'ALICE@EXAMPLE.EDU', 0, 'S', 'C', 0, 0, 1, 0)
                """;
            await insert.ExecuteNonQueryAsync();
        }
        // Start the instance while no host runs: its reminders exist only as stored bookmarks.
        var store = WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connection);
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
        await runtime.PublishAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
              <bpmn:process id="kill_test" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <bpmn:userTask id="review" name="Review" camunda:assignee="alice" camunda:dueDate="PT40S" wf:reminders="PT30S,PT10S" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "kill_test", BusinessKey = "INV-9" });

        await host.StartAsync(); // recovers the bookmarks; the assignment mail and the first reminder (+10 s) go out
        var before = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(40));
        Assert.Equal(2, before.Count);
        await host.KillAsync();

        await host.StartAsync(); // the second reminder (+30 s) is still pending
        var after = await smtp.WaitForAsync(3, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        after = smtp.Messages();
        Assert.Equal(3, after.Count);
        Assert.Single(after, m => m.Subject.StartsWith("New task: Review"));
        Assert.Equal(2, after.Count(m => m.Subject.StartsWith("Reminder: Review")));
        Assert.Equal(3, after.Select(m => m.MessageId).Distinct().Count());
    }
}
