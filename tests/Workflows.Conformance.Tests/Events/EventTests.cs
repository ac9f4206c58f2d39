namespace Workflows.Conformance.Tests.Events;

/// <summary>Message events, timers on automatic sub-processes, and Camunda's async markers (which change nothing here).</summary>
public sealed class EventTests
{
    [ConformanceFact("camunda__BoundaryTimerEventTest.testTimerInSingleTransactionProcess.bpmn20.xml",
        "camunda BoundaryTimerEventTest.testTimerInSingleTransactionProcess")]
    public async Task Boundary_timer_on_an_automatic_sub_process_is_gone_when_it_ends_camunda()
    {
        await SingleTransactionAsync("camunda__BoundaryTimerEventTest.testTimerInSingleTransactionProcess.bpmn20.xml");
    }

    [ConformanceFact("flowable__BoundaryTimerEventTest.testTimerInSingleTransactionProcess.bpmn20.xml",
        "flowable BoundaryTimerEventTest.testTimerInSingleTransactionProcess")]
    public async Task Boundary_timer_on_an_automatic_sub_process_is_gone_when_it_ends_flowable()
    {
        await SingleTransactionAsync("flowable__BoundaryTimerEventTest.testTimerInSingleTransactionProcess.bpmn20.xml");
    }

    private static async Task SingleTransactionAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("timerOnSubprocesses");

        await run.AssertEndedAsync(instance.Id);
        Assert.Empty(run.PendingTimers);
        Assert.Empty(await run.Store.GetBookmarksOfInstanceAsync(instance.Id));
    }

    [ConformanceFact("flowable__MessageIntermediateEventTest.testConcurrentIntermediateMessageEvent.bpmn20.xml",
        "flowable MessageIntermediateEventTest.testConcurrentIntermediateMessageEvent")]
    public async Task Two_concurrent_message_catches_each_take_one_message()
    {
        var run = await ModelRun.PublishAsync("flowable__MessageIntermediateEventTest.testConcurrentIntermediateMessageEvent.bpmn20.xml");
        var instance = await run.StartAsync("process");
        Assert.Equal(2, (await run.Store.GetBookmarksOfInstanceAsync(instance.Id)).Count);

        Assert.Equal(1, await run.CorrelateAsync("newInvoiceMessage"));
        Assert.Empty(await run.OpenTasksAsync());
        Assert.Equal(1, await run.CorrelateAsync("newInvoiceMessage"));

        await run.CompleteAsync("Task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ExclusiveCatchEventTest.testNonExclusiveCatchEvent.bpmn", "camunda ExclusiveCatchEventTest.testNonExclusiveCatchEvent")]
    public async Task Async_message_catch_event_waits_for_its_message()
    {
        var run = await ModelRun.PublishAsync("camunda__ExclusiveCatchEventTest.testNonExclusiveCatchEvent.bpmn");
        var instance = await run.StartAsync("exclusive");

        await run.AssertRunningAsync(instance.Id);
        Assert.Equal(1, await run.CorrelateAsync("testMessage1"));
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ExclusiveEndEventTest.testExclusiveEndEvent.bpmn", "camunda ExclusiveEndEventTest.testExclusiveEndEvent")]
    public async Task Async_end_event_ends_the_process()
    {
        var run = await ModelRun.PublishAsync("camunda__ExclusiveEndEventTest.testExclusiveEndEvent.bpmn");
        var instance = await run.StartAsync("exclusive");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ExclusiveStartEventTest.testNonExclusiveStartEvent.bpmn", "camunda ExclusiveStartEventTest.testNonExclusiveStartEvent")]
    public async Task Async_start_event_runs_the_process_to_its_end()
    {
        var run = await ModelRun.PublishAsync("camunda__ExclusiveStartEventTest.testNonExclusiveStartEvent.bpmn");
        var instance = await run.StartAsync("exclusive");
        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["theEnd"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("camunda__MessageStartEventTest.testMultipleMessageStartEvents.bpmn20.xml", "camunda MessageStartEventTest.testMultipleMessageStartEvents")]
    public async Task Each_of_two_message_start_events_starts_its_own_path()
    {
        var run = await ModelRun.PublishAsync("camunda__MessageStartEventTest.testMultipleMessageStartEvents.bpmn20.xml");

        Assert.Equal(1, await run.CorrelateAsync("newInvoiceMessage"));
        Assert.Equal(["taskAfterMessageStart"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterMessageStart");

        Assert.Equal(1, await run.CorrelateAsync("newInvoiceMessage2"));
        Assert.Equal(["taskAfterMessageStart2"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterMessageStart2");

        var instances = await run.InstancesAsync("testProcess");
        Assert.Equal(2, instances.Count);
        foreach (var instance in instances) await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__MessageStartEventTest.testSingleMessageStartEvent.bpmn20.xml", "flowable MessageStartEventTest.testSingleMessageStartEvent")]
    public async Task Message_named_through_a_prefixed_reference_starts_the_process()
    {
        var run = await ModelRun.PublishAsync("flowable__MessageStartEventTest.testSingleMessageStartEvent.bpmn20.xml");

        Assert.Equal(1, await run.CorrelateAsync("newInvoiceMessage"));

        var instance = Assert.Single(await run.InstancesAsync("singleMessageStartEvent"));
        await run.CompleteAsync("Task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__otherProcessWithNewInvoiceMessage.bpmn20.xml",
        "flowable MessageStartEventTest.testSameMessageNameFails (this model on its own; see the report on the cross-file check)")]
    public async Task Other_process_started_by_the_same_message_name_runs_on_its_own()
    {
        var run = await ModelRun.PublishAsync("flowable__otherProcessWithNewInvoiceMessage.bpmn20.xml");

        Assert.Equal(1, await run.CorrelateAsync("newInvoiceMessage"));

        var instance = Assert.Single(await run.InstancesAsync("otherMessageProcess"));
        await run.CompleteAsync("Task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__IntermediateTimerEventTest.testRecalculateTimeCycleExpressionCurrentDateBased.bpmn20.xml",
        "camunda IntermediateTimerEventTest.testRecalculateTimeCycleExpressionCurrentDateBased (the first cycle from the variable)")]
    public async Task Intermediate_timer_cycle_from_a_variable_fires_after_its_interval()
    {
        var run = await ModelRun.PublishAsync("camunda__IntermediateTimerEventTest.testRecalculateTimeCycleExpressionCurrentDateBased.bpmn20.xml");
        var instance = await run.StartAsync("process", new { cycle = "R/PT15M" });

        Assert.Equal([ModelRun.Start.AddMinutes(15)], run.PendingTimers);
        await run.AdvanceAsync(TimeSpan.FromMinutes(15));
        await run.CompleteAsync("task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ConditionalSequenceFlowTest.testUelExpression.bpmn20.xml", "camunda ConditionalSequenceFlowTest.testUelExpression")]
    public async Task Conditional_flow_out_of_the_start_event_picks_the_right_task_camunda()
    {
        await UelExpressionAsync("camunda__ConditionalSequenceFlowTest.testUelExpression.bpmn20.xml");
    }

    [ConformanceFact("flowable__ConditionalSequenceFlowTest.testUelExpression.bpmn20.xml", "flowable ConditionalSequenceFlowTest.testUelExpression")]
    public async Task Conditional_flow_out_of_the_start_event_picks_the_right_task_flowable()
    {
        await UelExpressionAsync("flowable__ConditionalSequenceFlowTest.testUelExpression.bpmn20.xml");
    }

    private static async Task UelExpressionAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("condSeqFlowUelExpr", new { input = "right" });

        Assert.Equal("task right", (await run.TaskAsync("task2")).Name);
        await run.CompleteAsync("task2"); // no outgoing flow: the path ends there
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__InputOutputTest.testScopeActivityInstanceId.bpmn20.xml", "camunda InputOutputTest.testScopeActivityInstanceId")]
    public async Task Input_parameter_is_a_local_of_its_task_only()
    {
        var run = await ModelRun.PublishAsync("camunda__InputOutputTest.testScopeActivityInstanceId.bpmn20.xml");
        var instance = await run.StartAsync("process");

        var task = await run.TaskAsync("theTask");
        Assert.Equal("Hello World!", task.LocalVariables!["inputVariable"]!.GetValue<string>());
        Assert.Null(await run.VariableAsync(instance.Id, "inputVariable"));
        await run.CompleteAsync(task);
        await run.AssertEndedAsync(instance.Id);
        Assert.Null(await run.VariableAsync(instance.Id, "inputVariable"));
    }

    [ConformanceFact("bpmnengine__issue-163.bpmn", "bpmn-engine issues/163: a sub-process without a start event")]
    public async Task Sub_process_without_a_start_event_starts_at_its_first_task()
    {
        var run = await ModelRun.PublishAsync("bpmnengine__issue-163.bpmn");
        var instance = await run.StartAsync("Process_1fh0mrz");

        await run.CompleteAsync("Activity_1bpb168");
        Assert.Equal(["Activity_0xqu0xt"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Activity_0xqu0xt");
        Assert.Equal(["Activity_0c0569x"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Activity_0c0569x"); // no outgoing flow: the sub-process completes
        Assert.Equal(["Activity_09fprjg"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Activity_09fprjg");
        await run.AssertEndedAsync(instance.Id);
    }
}
