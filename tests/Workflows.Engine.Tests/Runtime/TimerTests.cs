using Microsoft.Extensions.Time.Testing;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

public sealed class TimerTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Intermediate_timer_waits_for_its_duration(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("intermediate-timer.bpmn");
        Assert.Empty(await h.OpenTasksAsync(instance.Id));

        Assert.Equal(0, await h.AdvanceAsync(TimeSpan.FromHours(1)));
        Assert.Empty(await h.OpenTasksAsync(instance.Id));

        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromHours(1)));
        await h.TaskAsync(instance.Id, "after");
        Assert.Single(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.TimerFired);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Firing_a_timer_twice_runs_it_once(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("intermediate-timer.bpmn");
        var bookmark = Assert.Single(await h.Store.GetBookmarksOfInstanceAsync(instance.Id));

        await Task.WhenAll(h.Runtime.FireAsync(bookmark.Id), h.Runtime.FireAsync(bookmark.Id));
        await h.Runtime.FireAsync(bookmark.Id);

        Assert.Single(await h.OpenTasksAsync(instance.Id));
        Assert.Single(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.TimerFired);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Non_interrupting_cycle_reminds_while_the_task_stays_open(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("boundary-timers.bpmn");
        var assess = await h.TaskAsync(instance.Id, "assess");

        await h.AdvanceAsync(TimeSpan.FromDays(1));
        await h.AdvanceAsync(TimeSpan.FromDays(1));

        var nudges = await h.NotificationsAsync(NotificationKinds.SendTask);
        Assert.Equal(2, nudges.Count);
        Assert.All(nudges, n => Assert.Equal(["alice"], n.Users));
        Assert.True((await h.Store.GetTaskAsync(assess.Id))!.IsOpen);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Interrupting_timer_at_the_due_date_escalates(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("boundary-timers.bpmn");
        var assess = await h.TaskAsync(instance.Id, "assess");

        await h.AdvanceAsync(TimeSpan.FromDays(3));

        Assert.Equal(UserTaskStatus.Cancelled, (await h.Store.GetTaskAsync(assess.Id))!.Status);
        await h.TaskAsync(instance.Id, "escalated");
        var escalation = Assert.Single(await h.NotificationsAsync(NotificationKinds.TaskEscalated));
        Assert.Equal(["alice"], escalation.Users);
        // The cycle's bookmark went with the interrupted task: nothing else is pending for it.
        Assert.All(await h.Store.GetBookmarksOfInstanceAsync(instance.Id), b => Assert.NotEqual("nudge", b.ElementId));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Completing_a_task_removes_its_boundary_timers(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("boundary-timers.bpmn");
        await h.CompleteAsync(instance.Id, "assess");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Empty(await h.Store.GetBookmarksOfInstanceAsync(instance.Id));
        Assert.Empty(h.Scheduler.Pending);
        Assert.Equal(0, await h.AdvanceAsync(TimeSpan.FromDays(10)));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Reminders_go_out_before_the_due_date_then_stop_when_done(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("reminders.bpmn");
        var task = await h.TaskAsync(instance.Id, "screen");
        Assert.Equal(h.Clock.GetUtcNow().AddDays(5), task.DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(2)); // due in 3 days: first reminder
        var first = Assert.Single(await h.NotificationsAsync(NotificationKinds.TaskReminder));
        Assert.Equal(TimeSpan.FromDays(3), first.Offset);
        Assert.Equal(task.Id, first.TaskId);
        Assert.Equal(["alice"], first.Users);

        await h.CompleteAsync(instance.Id, "screen", user: "alice");
        await h.AdvanceAsync(TimeSpan.FromDays(5));
        Assert.Single(await h.NotificationsAsync(NotificationKinds.TaskReminder));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Recover_hands_every_pending_timer_to_the_scheduler_again(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("reminders.bpmn");
        var pending = h.Scheduler.Pending.Keys.Order().ToList();
        Assert.Equal(2, pending.Count);

        var restarted = new RuntimeHarness(h.Store);
        await restarted.Runtime.RecoverAsync();
        Assert.Equal(pending, restarted.Scheduler.Pending.Keys.Order());
        Assert.Equal(instance.Id, (await h.Store.GetBookmarkAsync(pending[0]))!.InstanceId);
    }
}

public sealed class TimerStartTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Timer_start_event_starts_instances_on_its_cycle(string store)
    {
        var h = await HarnessAsync(store);
        await h.PublishAsync("timer-start.bpmn");
        Assert.Empty(await h.Store.QueryInstancesAsync(new()));

        await h.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Single(await h.Store.QueryInstancesAsync(new() { ProcessId = "patent_fee_check" }));
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        await h.AdvanceAsync(TimeSpan.FromHours(5));
        Assert.Equal(2, (await h.Store.QueryInstancesAsync(new() { ProcessId = "patent_fee_check" })).Count);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_new_version_takes_over_the_start_timers(string store)
    {
        var h = await HarnessAsync(store);
        await h.PublishAsync("timer-start.bpmn");
        await h.Runtime.PublishAsync(RuntimeHarness.Fixture("timer-start.bpmn").Replace("Yearly fee check", "Yearly fee check v2"), "test");

        Assert.Single(h.Scheduler.Pending);
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        var started = Assert.Single(await h.Store.QueryInstancesAsync(new() { ProcessId = "patent_fee_check" }));
        Assert.Equal(2, started.DefinitionVersion);
    }
}

public sealed class WorkingDayTests
{
    [Fact]
    public async Task Due_dates_in_working_days_skip_the_configured_holidays()
    {
        var store = new InMemoryWorkflowStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 9, 0, 0, TimeSpan.Zero));
        var calendar = new Workflows.Engine.Calendar.HolidayCalendar(Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)), []);
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), [], null, clock, calendar);
        await runtime.PublishAsync(RuntimeHarness.Fixture("reminders.bpmn").Replace("wf:reminders=\"P3D,P1D\"", "wf:reminders=\"P1D\" wf:workingDays=\"true\""), "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "reminders" });

        var task = Assert.Single(await store.GetOpenTasksOfInstanceAsync(instance.Id));
        // Five working days from Wednesday 30 September: 8, 9, 12, 13, 14 October.
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero), task.DueAt);
        var reminder = Assert.Single(await store.GetScheduledBookmarksAsync());
        Assert.Equal(new DateTimeOffset(2026, 10, 13, 9, 0, 0, TimeSpan.Zero), reminder.DueAt);
    }

    /// <summary>A date-only due date is that date in the office's zone, not 00:00 UTC (08:00 in Beijing).</summary>
    [Fact]
    public async Task A_date_only_due_date_and_timer_date_are_local_dates()
    {
        var store = new InMemoryWorkflowStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 9, 30, 1, 0, 0, TimeSpan.Zero));
        var calendar = new Workflows.Engine.Calendar.HolidayCalendar([], [], TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), [], null, clock, calendar);
        await runtime.PublishAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="dated" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
                <bpmn:userTask id="review" camunda:assignee="alice" camunda:dueDate="2026-10-09" />
                <bpmn:boundaryEvent id="reminder" attachedToRef="review" cancelActivity="false">
                  <bpmn:timerEventDefinition><bpmn:timeDate>2026-10-08</bpmn:timeDate></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
                <bpmn:sequenceFlow id="f3" sourceRef="reminder" targetRef="reminded" />
                <bpmn:endEvent id="end" />
                <bpmn:endEvent id="reminded" />
              </bpmn:process>
            </bpmn:definitions>
            """, "test");
        var instance = await runtime.StartAsync(new StartRequest { ProcessId = "dated" });
        var task = Assert.Single(await store.GetOpenTasksOfInstanceAsync(instance.Id));
        Assert.Equal(new DateTimeOffset(2026, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)), task.DueAt);
        var timer = Assert.Single(await store.GetScheduledBookmarksAsync());
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 0, 0, 0, TimeSpan.FromHours(8)), timer.DueAt);
    }
}
