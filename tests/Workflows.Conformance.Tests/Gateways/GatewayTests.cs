namespace Workflows.Conformance.Tests.Gateways;

/// <summary>Parallel and inclusive gateways and conditional flows, as the source engines' gateway tests drive them.</summary>
public sealed class GatewayTests
{
    [ConformanceFact("camunda__ParallelGatewayTest.testNestedForkJoin.bpmn20.xml", "camunda ParallelGatewayTest.testNestedForkJoin")]
    public async Task Nested_fork_and_join_wait_for_their_own_branches()
    {
        var run = await ModelRun.PublishAsync("camunda__ParallelGatewayTest.testNestedForkJoin.bpmn20.xml");
        var instance = await run.StartAsync("nestedForkJoin");

        await run.CompleteAsync("Task 0");
        Assert.Equal(["Task_A", "Task_B"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task B");
        Assert.Equal(["Task_A", "Task_B1", "Task_B2"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task B1");
        await run.CompleteAsync("Task B2");
        Assert.Equal(["Task_A"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task A");
        Assert.Equal(["Task_C"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task C");

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ParallelGatewayTest.testUnstructuredConcurrencyTwoForks.bpmn20.xml",
        "camunda ParallelGatewayTest.testUnstructuredConcurrencyTwoForks")]
    public async Task Join_of_two_unstructured_forks_waits_for_all_four_branches_camunda()
    {
        await TwoForksAsync("camunda__ParallelGatewayTest.testUnstructuredConcurrencyTwoForks.bpmn20.xml");
    }

    [ConformanceFact("flowable__ParallelGatewayTest.testUnstructuredConcurrencyTwoForks.bpmn20.xml",
        "flowable ParallelGatewayTest.testUnstructuredConcurrencyTwoForks")]
    public async Task Join_of_two_unstructured_forks_waits_for_all_four_branches_flowable()
    {
        await TwoForksAsync("flowable__ParallelGatewayTest.testUnstructuredConcurrencyTwoForks.bpmn20.xml");
    }

    private static async Task TwoForksAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("unstructuredConcurrencyTwoForks");

        await run.AssertEndedAsync(instance.Id);
        foreach (var task in new[] { "task1", "task2", "task3", "task4" })
            Assert.Equal(1, await run.TimesEnteredAsync(instance.Id, task));
        Assert.Equal(4, await run.TimesEnteredAsync(instance.Id, "join"));
        Assert.Equal(["theEnd"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("camunda__InclusiveGatewayTest.AsyncConcurrentExecutions.ParallelGateway.bpmn",
        "camunda InclusiveGatewayTest.shouldCompleteWithConcurrentExecution_ParallelGateway")]
    public async Task Inclusive_gateway_after_a_parallel_join_takes_only_the_true_flow_and_ends_once()
    {
        var run = await ModelRun.PublishAsync("camunda__InclusiveGatewayTest.AsyncConcurrentExecutions.ParallelGateway.bpmn");
        var instance = await run.StartAsync("process");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["EndEvent_1"], await run.EndEventsReachedAsync(instance.Id));
        Assert.Equal(1, await run.TimesEnteredAsync(instance.Id, "Gateway_2"));
    }

    [ConformanceFact("flowable__InclusiveGatewayTest.simpleParallelFlow.bpmn20.xml", "flowable InclusiveGatewayTest.testSimpleParallelFlow")]
    public async Task Inclusive_fork_with_all_conditions_true_starts_every_branch()
    {
        var run = await ModelRun.PublishAsync("flowable__InclusiveGatewayTest.simpleParallelFlow.bpmn20.xml");
        var instance = await run.StartAsync("simpleParallelFlow");

        Assert.Equal(["taskInclusive1", "taskInclusive2", "taskInclusive3"], await run.OpenTaskIdsAsync());
        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(3, (await run.EndEventsReachedAsync(instance.Id)).Length);
    }

    [ConformanceFact("camunda__SequenceFlowTest.testTakeAllOutgoingFlowsFromNonScopeTask.bpmn20.xml",
        "camunda SequenceFlowTest.testTakeAllOutgoingFlowsFromNonScopeTask")]
    public async Task Task_with_two_unconditional_flows_takes_both()
    {
        var run = await ModelRun.PublishAsync("camunda__SequenceFlowTest.testTakeAllOutgoingFlowsFromNonScopeTask.bpmn20.xml");
        var instance = await run.StartAsync("testProcess");

        await run.CompleteAsync("task1");
        Assert.Equal(["task2", "task3"], await run.OpenTaskIdsAsync());
        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__SequenceFlowTest.testTakeAllOutgoingFlowsFromScopeTask.bpmn20.xml",
        "camunda SequenceFlowTest.testTakeAllOutgoingFlowsFromScopeTask")]
    public async Task Task_with_a_boundary_timer_and_two_unconditional_flows_takes_both()
    {
        var run = await ModelRun.PublishAsync("camunda__SequenceFlowTest.testTakeAllOutgoingFlowsFromScopeTask.bpmn20.xml");
        var instance = await run.StartAsync("testProcess");
        Assert.Single(run.PendingTimers);

        await run.CompleteAsync("task1");
        Assert.Equal(["task2", "task3"], await run.OpenTaskIdsAsync());
        Assert.Empty(run.PendingTimers); // the boundary timer went with its task
        foreach (var task in await run.OpenTasksAsync()) await run.CompleteAsync(task);

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__ConditionalSequenceFlowTest.testDynamicExpression.bpmn20.xml", "flowable ConditionalSequenceFlowTest.testDynamicExpression")]
    public async Task Conditional_flows_out_of_a_start_event_choose_by_the_variable()
    {
        var run = await ModelRun.PublishAsync("flowable__ConditionalSequenceFlowTest.testDynamicExpression.bpmn20.xml");

        var left = await run.StartAsync("condSeqFlowUelExpr", new { input = "left" });
        Assert.Equal("task left", (await run.TaskAsync("task1")).Name);
        await run.CompleteAsync("task1");
        await run.AssertEndedAsync(left.Id);

        var right = await run.StartAsync("condSeqFlowUelExpr", new { input = "right" });
        Assert.Equal("task not left", (await run.TaskAsync("task2")).Name);
        await run.CompleteAsync("task2");
        await run.AssertEndedAsync(right.Id);
    }

    [ConformanceFact("camunda__checkCreditProcess.bpmn20.xml", "camunda CallActivityTest.testCallSimpleSubProcessWithExpressions (called checkCreditProcess)")]
    public async Task Credit_check_takes_the_approved_path_or_contacts_the_customer()
    {
        var run = await ModelRun.PublishAsync("camunda__checkCreditProcess.bpmn20.xml");

        var approved = await run.StartAsync("checkCreditProcess", new { creditApproved = true });
        await run.CompleteAsync("Verify credit history");
        await run.AssertEndedAsync(approved.Id);
        Assert.Equal(["normalEnd"], await run.EndEventsReachedAsync(approved.Id));

        var refused = await run.StartAsync("checkCreditProcess", new { creditApproved = false });
        await run.CompleteAsync("Verify credit history");
        await run.CompleteAsync("Contact customer for further information");
        Assert.Equal(["customerContactedEnd"], await run.EndEventsReachedAsync(refused.Id));

        // Unset: null is false in a boolean context, so `!creditApproved` holds (no incident).
        var unknown = await run.StartAsync("checkCreditProcess");
        await run.CompleteAsync("Verify credit history");
        await run.CompleteAsync("Contact customer for further information");
        await run.AssertEndedAsync(unknown.Id);
    }
}
