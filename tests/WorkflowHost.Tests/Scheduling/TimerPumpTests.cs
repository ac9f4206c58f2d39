using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>The timer pump in the real host on its SQLite file: timers fire by themselves, once, from their rows alone.</summary>
public sealed class TimerPumpTests
{
    public static string TimerProcess(string id, string duration) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="{id}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
            <bpmn:intermediateCatchEvent id="wait">
              <bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
            <bpmn:userTask id="after" camunda:assignee="alice" />
            <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            if (await condition()) return true;
            await Task.Delay(250);
        }
        return await condition();
    }

    [Fact]
    public async Task A_timer_is_fired_by_the_pump_on_its_own()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        await runtime.PublishAsync(TimerProcess("timed", "PT2S"), "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "timed" });

        Assert.True(await WaitForAsync(async () => (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Count == 1, TimeSpan.FromSeconds(90)),
            "the timer did not fire within 30 seconds");
        Assert.Single(await store.GetHistoryAsync(instance.Id), e => e.Event == HistoryEventType.TimerFired);
        Assert.Empty(await store.GetScheduledBookmarksAsync());
    }

    [Fact]
    public async Task A_timer_pending_when_the_host_stops_fires_exactly_once_after_restart()
    {
        var (data, workflows) = HostFactory.NewFolders();
        Guid instanceId;
        await using (var first = new HostFactory(data, workflows))
        {
            _ = first.CreateClient();
            var runtime = first.Services.GetRequiredService<IWorkflowRuntime>();
            await runtime.PublishAsync(TimerProcess("timed", "PT3S"), "test");
            instanceId = (await runtime.StartAsync(new StartRequest { ProcessId = "timed" })).Id;
        }
        var connection = WorkflowPersistence.SqliteConnectionString(Path.Combine(data, "workflows.db"));
        await MoveDueTimesAsync(connection, TimeSpan.FromMinutes(-5)); // the timer came due while no host ran

        await using var second = new HostFactory(data, workflows);
        _ = second.CreateClient();
        var store = second.Services.GetRequiredService<IWorkflowStore>();
        Assert.True(await WaitForAsync(async () => (await store.GetOpenTasksOfInstanceAsync(instanceId)).Count == 1, TimeSpan.FromSeconds(90)),
            "the late timer did not fire after the restart");
        Assert.Single(await store.GetHistoryAsync(instanceId), e => e.Event == HistoryEventType.TimerFired);
        Assert.Empty(await store.GetScheduledBookmarksAsync()); // nothing left that could fire a second time
    }

    /// <summary>
    /// Another process commits a timer and never tells this host (as a host that dies right after its commit):
    /// the row alone is enough. With a scheduler of record outside the row (Quartz before), nothing fired it.
    /// </summary>
    [Fact]
    public async Task A_timer_committed_by_another_process_fires_from_its_row_alone()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        var connection = WorkflowPersistence.SqliteConnectionString(Path.Combine(data, "workflows.db"));
        var other = new WorkflowRuntime(WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connection), new ManualTimerScheduler(), []);
        await other.PublishAsync(TimerProcess("elsewhere", "PT1S"), "test");
        var instance = await other.StartAsync(new StartRequest { ProcessId = "elsewhere" });

        var store = host.Services.GetRequiredService<IWorkflowStore>();
        Assert.True(await WaitForAsync(async () => (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Count == 1, TimeSpan.FromSeconds(90)),
            "the host did not fire a timer it was never told about");
    }

    /// <summary>
    /// An hourly start timer (R/PT1H) whose host was down for ten hours: one instance on restart, and the next
    /// occurrence is an hour after now, not the next of the ten missed ones (which would fire at once, ten times).
    /// </summary>
    [Fact]
    public async Task A_repeating_timer_that_missed_ten_occurrences_fires_once_on_restart()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using (var first = new HostFactory(data, workflows))
        {
            _ = first.CreateClient();
            await first.Services.GetRequiredService<IWorkflowRuntime>().PublishAsync("""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
                  <bpmn:process id="hourly" isExecutable="true">
                    <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeCycle>R/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
                    <bpmn:userTask id="check" camunda:assignee="alice" />
                    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
                    <bpmn:endEvent id="end" />
                  </bpmn:process>
                </bpmn:definitions>
                """, "test");
        }
        var connection = WorkflowPersistence.SqliteConnectionString(Path.Combine(data, "workflows.db"));
        await MoveDueTimesAsync(connection, TimeSpan.FromHours(-11)); // first due an hour after publishing: now ten hours ago

        await using var second = new HostFactory(data, workflows);
        _ = second.CreateClient();
        var store = second.Services.GetRequiredService<IWorkflowStore>();
        Assert.True(await WaitForAsync(async () => (await store.QueryInstancesAsync(new InstanceQuery { ProcessId = "hourly" })).Count >= 1, TimeSpan.FromSeconds(90)),
            "the missed occurrence did not fire");
        Assert.True(await WaitForAsync(async () => (await store.GetScheduledBookmarksAsync()).Count == 1, TimeSpan.FromSeconds(90)));
        var next = Assert.Single(await store.GetScheduledBookmarksAsync());
        Assert.True(next.DueAt > DateTimeOffset.UtcNow.AddMinutes(55), $"the next occurrence is {next.DueAt}, not about an hour from now");
        Assert.Single(await store.QueryInstancesAsync(new InstanceQuery { ProcessId = "hourly" }));
    }

    /// <summary>Shifts every stored due time, as if the clock had moved on by that much while no host ran.</summary>
    internal static async Task MoveDueTimesAsync(string connectionString, TimeSpan by)
    {
        await using var db = new SqliteConnection(connectionString);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "UPDATE wf_bookmarks SET due_at = due_at + $by WHERE due_at IS NOT NULL";
        command.Parameters.AddWithValue("$by", by.Ticks);
        await command.ExecuteNonQueryAsync();
    }
}
