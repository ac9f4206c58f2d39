using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace WorkflowHost.Tests.Scheduling;

/// <summary>Real Quartz.NET with its job store in the host's SQLite file: timers fire by themselves, once, across restarts.</summary>
public sealed class QuartzTimerTests
{
    private static string TimerProcess(string duration) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
          <bpmn:process id="timed" isExecutable="true">
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

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
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
    public async Task A_timer_is_fired_by_Quartz_on_its_own()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        await runtime.PublishAsync(TimerProcess("PT2S"), "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "timed" });

        Assert.True(await WaitForAsync(async () => (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Count == 1, TimeSpan.FromSeconds(30)),
            "the timer did not fire within 30 seconds");
        Assert.Single(await store.GetHistoryAsync(instance.Id), e => e.Event == HistoryEventType.TimerFired);
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
            await runtime.PublishAsync(TimerProcess("PT3S"), "test");
            instanceId = (await runtime.StartAsync(new StartRequest { ProcessId = "timed" })).Id;
        }
        await Task.Delay(TimeSpan.FromSeconds(5)); // the timer comes due while no host runs

        await using var second = new HostFactory(data, workflows);
        _ = second.CreateClient();
        var store = second.Services.GetRequiredService<IWorkflowStore>();
        Assert.True(await WaitForAsync(async () => (await store.GetOpenTasksOfInstanceAsync(instanceId)).Count == 1, TimeSpan.FromSeconds(30)),
            "the late timer did not fire after the restart");
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second firing, if any, would show now
        Assert.Single(await store.GetHistoryAsync(instanceId), e => e.Event == HistoryEventType.TimerFired);
        Assert.Single(await store.GetOpenTasksOfInstanceAsync(instanceId));
        Assert.Empty(await store.GetScheduledBookmarksAsync());
    }
}

public sealed class TimerReconcilerTests
{
    [Fact]
    public async Task A_timer_Quartz_lost_is_scheduled_again_and_fires()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        _ = host.CreateClient();
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        var store = host.Services.GetRequiredService<IWorkflowStore>();
        await runtime.PublishAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="lost" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT2S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after" />
                <bpmn:userTask id="after" camunda:assignee="alice" />
                <bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "lost" });
        var bookmark = Assert.Single(await store.GetScheduledBookmarksAsync());
        await host.Services.GetRequiredService<ITimerScheduler>().CancelAsync(bookmark.Id); // as if scheduling had failed

        Assert.Equal(1, await host.Services.GetRequiredService<WorkflowHost.Scheduling.TimerReconciler>().ReconcileAsync(default));
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until && (await store.GetOpenTasksOfInstanceAsync(instance.Id)).Count == 0) await Task.Delay(200);
        Assert.Single(await store.GetOpenTasksOfInstanceAsync(instance.Id));
    }
}
