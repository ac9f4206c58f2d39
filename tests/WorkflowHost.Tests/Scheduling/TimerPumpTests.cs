using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>
/// The timer pump in the real host on its SQLite file: timers fire by themselves, once, from their rows alone, as soon as
/// the host's clock passes them (a test advances it; the pump wakes at once).
/// </summary>
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

    [Fact]
    public async Task A_timer_is_fired_by_the_pump_when_the_clock_passes_it()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        await runtime.PublishAsync(TimerProcess("timed", "P15D"), "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "timed" });

        host.Clock.Advance(TimeSpan.FromDays(15));
        await Eventually.HoldsAsync("the task after the 15-day timer", async () => (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Count == 1);
        Assert.Single(await store.GetHistoryAsync(instance.Id), e => e.Event == HistoryEventType.TimerFired);
        Assert.Empty(await store.GetScheduledBookmarksAsync());
    }

    [Fact]
    public async Task A_timer_pending_when_the_host_stops_fires_exactly_once_after_restart()
    {
        var (data, workflows) = HostFactory.NewFolders();
        Guid instanceId;
        TestClock clock;
        await using (var first = new HostFactory(data, workflows))
        {
            _ = first.CreateClient();
            var runtime = first.Services.GetRequiredService<IWorkflowRuntime>();
            await runtime.PublishAsync(TimerProcess("timed", "PT3H"), "test");
            instanceId = (await runtime.StartAsync(new StartRequest { ProcessId = "timed" })).Id;
            clock = first.Clock;
        }
        clock.Advance(TimeSpan.FromHours(4)); // the timer came due while no host ran

        await using var second = new HostFactory(data, workflows, clock: clock);
        _ = second.CreateClient();
        var store = second.Services.GetRequiredService<IWorkflowStore>();
        await Eventually.HoldsAsync("the late timer fired after the restart", async () => (await store.GetOpenTasksOfInstanceAsync(instanceId)).Count == 1);
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
        var other = new WorkflowRuntime(WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connection), new ManualTimerScheduler(), [], clock: host.Clock);
        await other.PublishAsync(TimerProcess("elsewhere", "PT1H"), "test");
        var instance = await other.StartAsync(new StartRequest { ProcessId = "elsewhere" });

        host.Clock.Advance(TimeSpan.FromHours(1));
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        await Eventually.HoldsAsync("the host fired a timer it was never told about",
            async () => (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Count == 1);
    }

    /// <summary>
    /// An hourly start timer (R/PT1H) whose host was down for ten hours: one instance on restart, and the next
    /// occurrence is an hour after now, not the next of the ten missed ones (which would fire at once, ten times).
    /// </summary>
    [Fact]
    public async Task A_repeating_timer_that_missed_ten_occurrences_fires_once_on_restart()
    {
        var (data, workflows) = HostFactory.NewFolders();
        TestClock clock;
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
            clock = first.Clock;
        }
        clock.Advance(TimeSpan.FromHours(11)); // first due an hour after publishing: now ten hours ago

        await using var second = new HostFactory(data, workflows, clock: clock);
        _ = second.CreateClient();
        var store = second.Services.GetRequiredService<IWorkflowStore>();
        await Eventually.HoldsAsync("the missed occurrence fired", async () => (await store.QueryInstancesAsync(new InstanceQuery { ProcessId = "hourly" })).Count >= 1);
        var next = await Eventually.ReturnsAsync("the next occurrence scheduled", async () => (await store.GetScheduledBookmarksAsync()) is [var one] ? one : null);
        Assert.True(next.DueAt > clock.GetUtcNow().AddMinutes(55), $"the next occurrence is {next.DueAt}, not about an hour after {clock.GetUtcNow()}");
        Assert.Single(await store.QueryInstancesAsync(new InstanceQuery { ProcessId = "hourly" }));
    }
}
