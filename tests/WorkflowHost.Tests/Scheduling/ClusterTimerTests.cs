using Npgsql;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>
/// Two real hosts on one PostgreSQL database, 1,000 timers coming due within seconds, one host SIGKILLed while
/// they fire: every timer fires, and exactly once. (With the old design, timers scheduled after the commit and a
/// reconciler once a minute, 3 of 5,000 never fired after a SIGKILL in a two-host run.)
/// </summary>
public sealed class ClusterTimerTests
{
    private const int Timers = 1000;

    [Fact]
    public async Task Two_hosts_fire_a_thousand_timers_exactly_once_when_one_is_killed_while_they_come_due()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var runtime = new WorkflowRuntime(db.CreateStore(), new ManualTimerScheduler(), []);
        await runtime.PublishAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="timed" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        await Parallel.ForEachAsync(Enumerable.Range(0, Timers), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (i, ct) => await runtime.StartAsync(new StartRequest { ProcessId = "timed", BusinessKey = $"T-{i}" }, ct));

        var (data, workflows) = HostFactory.NewFolders();
        var settings = new Dictionary<string, string>(HostFactory.FastJobs)
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Workflows"] = db.ConnectionString,
            ["Storage:DataPath"] = data, ["Workflows:Path"] = workflows,
            ["Scheduler:LeaseDuration"] = "00:00:05", ["Scheduler:BatchSize"] = "16",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var first = new HostProcess(settings);
        await using var second = new HostProcess(settings);
        await first.StartAsync();
        await second.StartAsync();

        // Everything comes due over the next few seconds, while both hosts run.
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var spread = new NpgsqlCommand(
                "UPDATE wf_bookmarks SET due_at = @now + (abs(hashtext(id::text)) % 6000) * 10000 WHERE due_at IS NOT NULL", connection);
            spread.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.AddSeconds(1).UtcTicks);
            Assert.Equal(Timers, await spread.ExecuteNonQueryAsync());
        }

        // Kill one host once the firing is well under way.
        await Eventually.HoldsAsync("the hosts firing a fifth of the timers", async () => await FiredAsync(db.ConnectionString) >= Timers / 5);
        await first.KillAsync();

        await Eventually.HoldsAsync("every timer fired", async () => await RemainingAsync(db.ConnectionString) == 0, TimeSpan.FromSeconds(120),
            async () => $"{await RemainingAsync(db.ConnectionString)} timer(s) never fired\n{second.Output}");
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var perInstance = new NpgsqlCommand("""
                SELECT COUNT(*) FILTER (WHERE n = 1), COUNT(*) FILTER (WHERE n > 1)
                FROM (SELECT i.id, (SELECT COUNT(*) FROM wf_history h WHERE h.instance_id = i.id AND h.event = @fired) AS n FROM wf_instances i) x
                """, connection);
            perInstance.Parameters.AddWithValue("fired", (int)HistoryEventType.TimerFired);
            await using var reader = await perInstance.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.Equal(Timers, reader.GetInt64(0)); // each fired once
            Assert.Equal(0, reader.GetInt64(1));      // none twice
        }
        Assert.Equal(Timers, (await db.CreateStore().QueryInstancesAsync(new InstanceQuery { Status = InstanceStatus.Completed, Take = 2 * Timers })).Count);
    }

    private static async Task<long> FiredAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM wf_history WHERE event = @fired", connection);
        command.Parameters.AddWithValue("fired", (int)HistoryEventType.TimerFired);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> RemainingAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM wf_bookmarks WHERE due_at IS NOT NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
