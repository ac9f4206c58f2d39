namespace Workflows.Conformance.Tests.Events;

/// <summary>Intermediate and boundary timers on the manual clock, as the source engines' timer tests fire them.</summary>
public sealed class TimerTests
{
    [ConformanceFact("flowable__IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml", "flowable IntermediateTimerEventTest.testCatchingTimerEvent")]
    public async Task Intermediate_timer_waits_its_duration()
    {
        var run = await ModelRun.PublishAsync("flowable__IntermediateTimerEventTest.testCatchingTimerEvent.bpmn20.xml");
        var instance = await run.StartAsync("intermediateTimerEventExample");

        Assert.Equal([ModelRun.Start.AddMinutes(5)], run.PendingTimers);
        Assert.Equal(0, await run.AdvanceAsync(TimeSpan.FromMinutes(4)));
        await run.AssertRunningAsync(instance.Id);
        Assert.Equal(1, await run.AdvanceAsync(TimeSpan.FromMinutes(1)));

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__IntermediateTimerEventTest.testExpression.bpmn20.xml", "camunda IntermediateTimerEventTest.testExpression")]
    public async Task Intermediate_timer_date_from_an_expression_camunda()
    {
        await TimerDateExpressionAsync("camunda__IntermediateTimerEventTest.testExpression.bpmn20.xml");
    }

    [ConformanceFact("flowable__IntermediateTimerEventTest.testExpression.bpmn20.xml", "flowable IntermediateTimerEventTest.testExpression")]
    public async Task Intermediate_timer_date_from_an_expression_flowable()
    {
        await TimerDateExpressionAsync("flowable__IntermediateTimerEventTest.testExpression.bpmn20.xml");
    }

    private static async Task TimerDateExpressionAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var due = ModelRun.Start.AddHours(1);
        var instance = await run.StartAsync("intermediateTimerEventExample", new { dueDate = due.ToString("O") });

        Assert.Equal([due], run.PendingTimers);
        await run.AdvanceAsync(TimeSpan.FromHours(1));

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("bpmnengine__timer-event.bpmn", "bpmn-engine TimerEvent / timer-event.bpmn: completes after the duration")]
    public async Task Timer_between_two_tasks_lets_the_process_finish_after_its_duration()
    {
        var run = await ModelRun.PublishAsync("bpmnengine__timer-event.bpmn");
        var instance = await run.StartAsync("timerProcess");

        Assert.Equal(1, await run.TimesEnteredAsync(instance.Id, "task1"));
        Assert.Equal(0, await run.TimesEnteredAsync(instance.Id, "task2"));
        await run.AdvanceAsync(TimeSpan.FromMilliseconds(50));

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(1, await run.TimesEnteredAsync(instance.Id, "task2"));
    }

    [ConformanceFact("flowable__BoundaryTimerEventTest.testMultipleTimersOnUserTask.bpmn20.xml", "flowable BoundaryTimerEventTest.testMultipleTimersOnUserTask")]
    public async Task Earliest_of_three_interrupting_timers_wins()
    {
        var run = await ModelRun.PublishAsync("flowable__BoundaryTimerEventTest.testMultipleTimersOnUserTask.bpmn20.xml");
        var instance = await run.StartAsync("multipleTimersOnUserTask");
        Assert.Equal(3, run.PendingTimers.Count);

        await run.AdvanceAsync(TimeSpan.FromMinutes(61));

        Assert.Equal("Third Task", (await run.TaskAsync("thirdTask")).Name);
        Assert.Single(await run.OpenTasksAsync());
        Assert.Empty(run.PendingTimers); // the other two went with the first task
        await run.CompleteAsync("thirdTask");
        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["escalatedEnd"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("flowable__BoundaryTimerEventTest.testRescheduleBoundaryTimerOnUserTask.bpmn20.xml",
        "flowable BoundaryTimerEventTest.testRescheduleBoundaryTimerOnUserTask (its first part: the date from a variable)")]
    public async Task Boundary_timer_date_comes_from_a_variable()
    {
        var run = await ModelRun.PublishAsync("flowable__BoundaryTimerEventTest.testRescheduleBoundaryTimerOnUserTask.bpmn20.xml");
        var startDate = ModelRun.Start.AddHours(1);
        var instance = await run.StartAsync("rescheduleTimer", new { startDate = startDate.ToString("O") });

        Assert.Equal("Task 1", (await run.TaskAsync("usertask1")).Name);
        Assert.Equal([startDate], run.PendingTimers);
        await run.AdvanceAsync(TimeSpan.FromHours(1));

        Assert.Equal(["usertask3"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task 3");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__BoundaryTimerEventFullHistoryTest.testSetProcessVariablesFromTaskWhenTimerOnTask.bpmn20.xml",
        "camunda BoundaryTimerEventFullHistoryTest.testSetProcessVariablesFromTaskWhenTimerOnTask")]
    public async Task Variables_set_while_a_task_waits_survive_its_escalation()
    {
        var run = await ModelRun.PublishAsync("camunda__BoundaryTimerEventFullHistoryTest.testSetProcessVariablesFromTaskWhenTimerOnTask.bpmn20.xml");
        var instance = await run.StartAsync("timerVariablesProcess");

        await run.Runtime.SetVariablesAsync(instance.Id, ModelRun.Json(new { myVar = "value" })!,
            new Workflows.Engine.Contracts.Actor("tester", [], IsAdministrator: true));
        await run.AdvanceAsync(TimeSpan.FromHours(2));

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal("value", (await run.VariableAsync(instance.Id, "myVar"))!.GetValue<string>());
        Assert.Contains(await run.HistoryAsync(instance.Id), h => h.Event == Workflows.Engine.Runtime.State.HistoryEventType.TaskCancelled && h.ElementId == "task");
    }

    [ConformanceFact("flowable__BoundaryTimerNonInterruptingEventTest.testTimerOnConcurrentTasks.bpmn20.xml",
        "flowable BoundaryTimerNonInterruptingEventTest.testTimerOnConcurrentTasks")]
    public async Task Non_interrupting_timer_on_one_of_two_concurrent_tasks_adds_a_task()
    {
        var run = await ModelRun.PublishAsync("flowable__BoundaryTimerNonInterruptingEventTest.testTimerOnConcurrentTasks.bpmn20.xml");
        var instance = await run.StartAsync("nonInterruptingOnConcurrentTasks");
        Assert.Equal(["firstTask", "secondTask"], await run.OpenTaskIdsAsync());

        await run.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["firstTask", "secondTask", "timerFiredTask"], await run.OpenTaskIdsAsync());

        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);
        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["nonInterruptingEnd", "theEnd"], (await run.EndEventsReachedAsync(instance.Id)).Order(StringComparer.Ordinal).ToArray());
    }

    [ConformanceFact("bpmnengine__boundary-non-interupting-timer.bpmn", "bpmn-engine BoundaryEvent: non-interrupting timer joined with its task")]
    public async Task Non_interrupting_timer_path_joins_the_task_path()
    {
        var run = await ModelRun.PublishAsync("bpmnengine__boundary-non-interupting-timer.bpmn");
        var instance = await run.StartAsync("Process_1");

        await run.AdvanceAsync(TimeSpan.FromMilliseconds(10));
        await run.AssertRunningAsync(instance.Id); // the join waits for the task's path
        Assert.Single(await run.OpenTasksAsync());
        await run.CompleteAsync("Wait for user input");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["EndEvent_04z4jtj"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("camunda__BoundaryTimerNonInterruptingEventTest.testTimerOnMiUserTask.bpmn20.xml",
        "camunda BoundaryTimerNonInterruptingEventTest.testTimerOnMiUserTask")]
    public async Task Non_interrupting_timer_on_a_multi_instance_task_fires_once_for_the_whole()
    {
        var run = await ModelRun.PublishAsync("camunda__BoundaryTimerNonInterruptingEventTest.testTimerOnMiUserTask.bpmn20.xml");
        var instance = await run.StartAsync("nonInterruptingTimersOnUserTask");

        var tasks = await run.OpenTasksAsync();
        Assert.Equal(5, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("First Task", t.Name));
        Assert.Single(run.PendingTimers);

        await run.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(6, (await run.OpenTasksAsync()).Count);
        await run.CompleteAsync("Escalation Task 1");
        Assert.Equal(5, await run.CompleteAllAsync("firstTask"));

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__BoundaryTimerEventTest.testTimerOnSyncMultiInstanceActivity.bpmn20.xml",
        "flowable BoundaryTimerEventTest.testTimerOnSyncMultiInstanceActivity")]
    public async Task Interrupting_timer_on_a_multi_instance_task_cancels_every_item()
    {
        var run = await ModelRun.PublishAsync("flowable__BoundaryTimerEventTest.testTimerOnSyncMultiInstanceActivity.bpmn20.xml");
        var instance = await run.StartAsync("myProcess");
        Assert.Equal(3, (await run.OpenTasksAsync()).Count);

        await run.AdvanceAsync(TimeSpan.FromHours(2));

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["endevent2"], await run.EndEventsReachedAsync(instance.Id));
    }
}
