namespace Workflows.Conformance.Tests.MultiInstance;

/// <summary>Multi-instance sub-processes (drawn with their loop inside the sub-process), as the MultiInstanceTest classes drive them.</summary>
public sealed class MultiInstanceSubProcessTests
{
    [ConformanceFact("camunda__MultiInstanceTest.testSequentialSubProcessWithTimer.bpmn20.xml", "camunda MultiInstanceTest.testSequentialSubProcessWithTimer")]
    public async Task Timer_on_a_sequential_sub_process_interrupts_the_remaining_instances_camunda()
    {
        await SequentialWithTimerAsync("camunda__MultiInstanceTest.testSequentialSubProcessWithTimer.bpmn20.xml", "miSequentialSubprocessWithTimer");
    }

    [ConformanceFact("flowable__MultiInstanceTest.testSequentialSubProcessWithTimer.bpmn20.xml", "flowable MultiInstanceTest.testSequentialSubProcessWithTimer")]
    public async Task Timer_on_a_sequential_sub_process_interrupts_the_remaining_instances_flowable()
    {
        await SequentialWithTimerAsync("flowable__MultiInstanceTest.testSequentialSubProcessWithTimer.bpmn20.xml", "miSequentialSubprocessWithTimer");
    }

    private static async Task SequentialWithTimerAsync(string model, string processId)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync(processId);

        // First instance: both its tasks, then the second instance starts.
        Assert.Equal(["subProcessTask1", "subProcessTask2"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("task one");
        await run.CompleteAsync("task two");
        Assert.Equal(["subProcessTask1", "subProcessTask2"], await run.OpenTaskIdsAsync());

        await run.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["taskAfterTimer"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterTimer");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(4, await run.TasksCreatedAsync(instance.Id, "subProcessTask1") + await run.TasksCreatedAsync(instance.Id, "subProcessTask2"));
    }

    [ConformanceFact("camunda__MultiInstanceTest.testNestedSequentialSubProcessWithTimer.bpmn20.xml",
        "camunda MultiInstanceTest.testNestedSequentialSubProcessWithTimer")]
    public async Task Timer_on_a_sequential_sub_process_nested_three_deep()
    {
        var run = await ModelRun.PublishAsync("camunda__MultiInstanceTest.testNestedSequentialSubProcessWithTimer.bpmn20.xml");
        var instance = await run.StartAsync("miNestedSequentialSubProcessWithTimer");

        for (var i = 0; i < 2; i++)
        {
            var tasks = await run.OpenTasksAsync();
            Assert.Equal(["task one", "task two"], tasks.Select(t => t.Name!).Order(StringComparer.Ordinal).ToArray());
            Assert.All(tasks, t => Assert.Equal("kermit", t.Assignee));
            foreach (var task in tasks) await run.CompleteAsync(task);
        }

        await run.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal(["taskAfterTimer"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterTimer");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__MultiInstanceTest.testParallelSubProcessCompletionCondition.bpmn20.xml",
        "camunda MultiInstanceTest.testParallelSubProcessCompletionCondition")]
    public async Task Completion_condition_ends_a_parallel_sub_process_after_one_instance()
    {
        var run = await ModelRun.PublishAsync("camunda__MultiInstanceTest.testParallelSubProcessCompletionCondition.bpmn20.xml");
        var instance = await run.StartAsync("miParallelSubprocessCompletionCondition");

        var tasks = await run.OpenTasksAsync();
        Assert.Equal(4, tasks.Count);
        // Both tasks of one instance: nrOfCompletedInstances becomes 1 and the other instance is cancelled.
        var state = (await run.InstanceAsync(instance.Id)).State;
        var scopeOf = tasks.ToDictionary(t => t.Id, t => state.Tokens.Single(k => k.TaskId == t.Id).ScopeId);
        var oneInstance = tasks.Where(t => scopeOf[t.Id] == scopeOf[tasks[0].Id]).ToList();
        Assert.Equal(["subProcessTask1", "subProcessTask2"], oneInstance.Select(t => t.ElementId).Order(StringComparer.Ordinal).ToArray());
        foreach (var task in oneInstance) await run.CompleteAsync(task);

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["theEnd"], (await run.EndEventsReachedAsync(instance.Id)).Where(e => e == "theEnd").ToArray());
    }

    [ConformanceFact("flowable__DynamicMultiInstanceTest.testSequentialSubProcessCompletionCondition.bpmn20.xml",
        "flowable DynamicMultiInstanceTest.testSequentialSubProcessCompletionCondition")]
    public async Task Completion_condition_ends_a_sequential_sub_process_after_three_of_four()
    {
        var run = await ModelRun.PublishAsync("flowable__DynamicMultiInstanceTest.testSequentialSubProcessCompletionCondition.bpmn20.xml");
        var instance = await run.StartAsync("miSequentialSubprocessCompletionCondition");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(["subProcessTask1", "subProcessTask2"], await run.OpenTaskIdsAsync());
            foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);
        }

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(3, await run.TasksCreatedAsync(instance.Id, "subProcessTask1"));
    }

    [ConformanceFact("flowable__DynamicMultiInstanceTest.testMultipleParallelSubProcess.bpmn20.xml",
        "flowable DynamicMultiInstanceTest.testMultipleParallelSubProcess")]
    public async Task Parallel_multi_instance_inside_a_parallel_multi_instance_makes_eight_tasks()
    {
        var run = await ModelRun.PublishAsync("flowable__DynamicMultiInstanceTest.testMultipleParallelSubProcess.bpmn20.xml");
        var instance = await run.StartAsync("miMultipleParallelSubProcess");

        Assert.Equal(8, await run.CompleteAllAsync("subProcessTask1"));

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["theEnd"], (await run.EndEventsReachedAsync(instance.Id)).Where(e => e == "theEnd").ToArray());
    }

    [ConformanceFact("flowable__MultiInstanceTest.testSequentialSubProcessEndEvent.bpmn20.xml", "flowable MultiInstanceTest.testSequentialSubProcessEndEvent")]
    public async Task Sequential_sub_process_runs_its_four_instances_one_after_another()
    {
        var run = await ModelRun.PublishAsync("flowable__MultiInstanceTest.testSequentialSubProcessEndEvent.bpmn20.xml");
        var instance = await run.StartAsync("miSequentialSubprocess");

        for (var i = 0; i < 4; i++)
        {
            Assert.Single(await run.OpenTasksAsync());
            await run.CompleteAsync("task one");
        }

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(4, (await run.EndEventsReachedAsync(instance.Id)).Count(e => e == "subProcessEnd"));
    }

    [ConformanceFact("flowable__MultiInstanceTest.testEndTimeOnMiSubprocess.bpmn20.xml", "flowable MultiInstanceTest.testEndTimeOnMiSubprocess")]
    public async Task Parallel_sub_process_instances_each_fork_and_join()
    {
        var run = await ModelRun.PublishAsync("flowable__MultiInstanceTest.testEndTimeOnMiSubprocess.bpmn20.xml");
        var instance = await run.StartAsync("multiInstanceSubProcessParallelTasks");

        Assert.Equal(2, await run.CompleteAllAsync("usertask1"));
        Assert.Equal(["usertask2", "usertask2", "usertask3", "usertask3"], await run.OpenTaskIdsAsync());
        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);

        await run.AssertEndedAsync(instance.Id);
        Assert.NotNull((await run.InstanceAsync(instance.Id)).EndedAt);
    }

    [ConformanceFact("camunda__BoundaryTimerEventTest.testMultipleOutgoingSequenceFlowsOnSubprocessMi.bpmn20.xml",
        "camunda BoundaryTimerEventTest.testMultipleOutgoingSequenceFlowsOnSubprocessMi")]
    public async Task Timer_with_two_outgoing_flows_on_a_multi_instance_sub_process_starts_both()
    {
        var run = await ModelRun.PublishAsync("camunda__BoundaryTimerEventTest.testMultipleOutgoingSequenceFlowsOnSubprocessMi.bpmn20.xml");
        var instance = await run.StartAsync("interruptingTimer");
        Assert.Equal(8, (await run.OpenTasksAsync()).Count);

        await run.AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["timerFiredTask1", "timerFiredTask2"], await run.OpenTaskIdsAsync());
        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__InclusiveGatewayTest.testJoinAfterParallelMultiInstanceSubProcess.bpmn20.xml",
        "camunda InclusiveGatewayTest.testJoinAfterParallelMultiInstanceSubProcess")]
    public async Task Inclusive_join_waits_for_a_parallel_multi_instance_sub_process()
    {
        var run = await ModelRun.PublishAsync("camunda__InclusiveGatewayTest.testJoinAfterParallelMultiInstanceSubProcess.bpmn20.xml");
        var instance = await run.StartAsync("process");
        Assert.Equal(["innerTask", "innerTask", "task"], await run.OpenTaskIdsAsync());

        await run.CompleteAsync("task");
        Assert.Equal(["innerTask", "innerTask"], await run.OpenTaskIdsAsync());
        await run.CompleteAllAsync("innerTask");
        Assert.Equal(["taskAfterJoin"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterJoin");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__MultiInstanceTest.sequentialUserTasks.bpmn20.xml", "camunda MultiInstanceTest.testSequentialUserTasksCompletionCondition")]
    public async Task Sequential_tasks_stop_at_the_completion_condition()
    {
        var run = await ModelRun.PublishAsync("camunda__MultiInstanceTest.sequentialUserTasks.bpmn20.xml");
        var instance = await run.StartAsync("miSequentialUserTasks", new { nrOfLoops = 10 });

        for (var i = 0; i < 5; i++)
        {
            var task = Assert.Single(await run.OpenTasksAsync());
            Assert.Equal($"kermit_{i}", task.Assignee);
            await run.CompleteAsync(task);
        }

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(5, await run.TasksCreatedAsync(instance.Id, "miTasks"));
    }

    [ConformanceFact("flowable__MultiInstanceTest.testParallelUserTasksWithTimer.bpmn20.xml", "flowable MultiInstanceTest.testParallelUserTasksWithTimer")]
    public async Task Timer_on_parallel_tasks_interrupts_the_ones_left()
    {
        var run = await ModelRun.PublishAsync("flowable__MultiInstanceTest.testParallelUserTasksWithTimer.bpmn20.xml");
        var instance = await run.StartAsync("miParallelUserTasksWithTimer");

        var tasks = await run.OpenTasksAsync();
        Assert.Equal(["My Task 0", "My Task 1", "My Task 2"], tasks.Select(t => t.Name!).Order(StringComparer.Ordinal).ToArray());
        await run.CompleteAsync(tasks[0]);
        await run.AdvanceAsync(TimeSpan.FromHours(2));

        Assert.Equal(["taskAfterTimer"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterTimer");
        await run.AssertEndedAsync(instance.Id);
    }
}
