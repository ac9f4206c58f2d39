using Microsoft.Data.Sqlite;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;
using Workflows.Testing;
using Microsoft.Extensions.Time.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// The real host as a child process, killed with SIGKILL while reminders are pending: each still arrives once. The child
/// runs on the wall clock; time that passes while no host runs is moved in its rows.
/// </summary>
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
        // Start the instance while no host runs, a day and a minute ago: its reminders exist only as stored bookmarks,
        // the first (a day after the start) already due, the second (an hour before the due date) not for a day.
        var store = WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connection);
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), [], clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-1)));
        await runtime.PublishAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
              <bpmn:process id="kill_test" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <bpmn:userTask id="review" name="Review" camunda:assignee="alice" camunda:dueDate="P2D" wf:reminders="P1D,PT1H" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "kill_test", BusinessKey = "INV-9" });

        await host.StartAsync(); // recovers the bookmarks; the assignment mail and the first reminder go out
        Assert.Equal(2, (await smtp.WaitForAsync(2)).Count);
        await host.KillAsync();

        await MoveDueTimesAsync(connection, TimeSpan.FromDays(-1)); // a day passes while no host runs: the second reminder is due
        await host.StartAsync();
        await smtp.WaitForAsync(3);
        // Nothing left to send (no bookmark, outbox message or email waiting): a mail sent twice would have arrived.
        await Eventually.HoldsAsync("nothing left to send", async () => await CountAsync(connection,
            "SELECT (SELECT COUNT(*) FROM wf_bookmarks WHERE due_at IS NOT NULL) + (SELECT COUNT(*) FROM wf_outbox WHERE processed_at IS NULL) + (SELECT COUNT(*) FROM email_messages WHERE status = 0)") == 0);
        var after = smtp.Messages();
        Assert.Equal(3, after.Count);
        Assert.Single(after, m => m.Subject.StartsWith("New task: Review", StringComparison.Ordinal));
        Assert.Equal(2, after.Count(m => m.Subject.StartsWith("Reminder: Review", StringComparison.Ordinal)));
        Assert.Equal(3, after.Select(m => m.MessageId).Distinct().Count());
    }

    /// <summary>Shifts every stored due time, as if the clock had moved on by that much while no host ran.</summary>
    private static async Task MoveDueTimesAsync(string connectionString, TimeSpan by)
    {
        await using var db = new SqliteConnection(connectionString);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE wf_bookmarks SET due_at = due_at + $by WHERE due_at IS NOT NULL";
        command.Parameters.AddWithValue("$by", by.Ticks);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var db = new SqliteConnection(connectionString);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
