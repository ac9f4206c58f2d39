using System.Diagnostics;
using System.Net.Http;
using Microsoft.Data.Sqlite;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Email;

/// <summary>The real host as a child process, killed with SIGKILL while reminders are pending: each still arrives once.</summary>
public sealed class HostKillTests
{
    private sealed class HostProcess(string data, int port, int smtpPort) : IAsyncDisposable
    {
        private Process? _process;

        public async Task StartAsync()
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WorkflowHost.dll"));
            info.Environment["Urls"] = $"http://127.0.0.1:{port}"; // beats the Urls in appsettings.json
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            info.Environment["Storage__DataPath"] = data;
            info.Environment["Workflows__Path"] = Path.Combine(data, "no-workflows");
            info.Environment["Email__Smtp__Host"] = "127.0.0.1";
            info.Environment["Email__Smtp__Port"] = smtpPort.ToString();
            info.Environment["Email__Smtp__Security"] = "None";
            foreach (var (key, value) in HostFactory.FastJobs) info.Environment[key.Replace(":", "__")] = value;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            _process = Process.Start(info)!;
            _process.OutputDataReceived += (_, _) => { };
            _process.ErrorDataReceived += (_, _) => { };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var http = new HttpClient();
            for (var i = 0; i < 150; i++)
            {
                if (_process.HasExited) throw new InvalidOperationException($"the host exited with {_process.ExitCode}");
                try
                {
                    if ((await http.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return;
                }
                catch (HttpRequestException) { }
                await Task.Delay(200);
            }
            throw new TimeoutException("the host did not become healthy");
        }

        public async Task KillAsync()
        {
            if (_process is null) return;
            _process.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown
            await _process.WaitForExitAsync();
            _process.Dispose();
            _process = null;
        }

        public ValueTask DisposeAsync() => new(KillAsync());
    }

    [Fact]
    public async Task A_killed_host_sends_each_pending_reminder_once_after_restart()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var (data, _) = HostFactory.NewFolders();
        var port = SmtpTestServer.FreePort();
        await using var host = new HostProcess(data, port, smtp.Port);
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
                <bpmn:userTask id="review" name="Review" camunda:assignee="alice" camunda:dueDate="PT12S" wf:reminders="PT8S,PT3S" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "kill_test", BusinessKey = "INV-9" });

        await host.StartAsync(); // recovers the bookmarks; the assignment mail and the first reminder (+4 s) go out
        var before = await smtp.WaitForAsync(2, TimeSpan.FromSeconds(20));
        Assert.Equal(2, before.Count);
        await host.KillAsync();

        await host.StartAsync(); // the second reminder (+9 s) is still pending
        var after = await smtp.WaitForAsync(3, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3));
        after = smtp.Messages();
        Assert.Equal(3, after.Count);
        Assert.Single(after, m => m.Subject.StartsWith("New task: Review"));
        Assert.Equal(2, after.Count(m => m.Subject.StartsWith("Reminder: Review")));
        Assert.Equal(3, after.Select(m => m.MessageId).Distinct().Count());
    }
}
