namespace Workflows.Conformance.Tests.CallActivities;

/// <summary>
/// Models that the source engines' call-activity tests call: published beside a caller of ours (<see cref="Callers"/>)
/// and driven as the source test drives them, through the called instance and back.
/// </summary>
public sealed class CalledProcessTests
{
    [ConformanceFact("flowable__simpleSubProcess.bpmn20.xml", "flowable CallActivityAdvancedTest.testCallSimpleSubProcess")]
    public async Task Called_process_runs_its_task_then_the_caller_goes_on()
    {
        var run = await ModelRun.PublishAsync(["flowable__simpleSubProcess.bpmn20.xml"], [Callers.Calling("simpleSubProcess")]);
        var caller = await run.StartAsync("caller", new { orderId = 42 });

        var child = Assert.Single(await run.InstancesAsync("simpleSubProcess"));
        Assert.Equal(caller.Id, child.ParentInstanceId);
        Assert.Equal(42, child.State.Variables["orderId"]!.GetValue<decimal>());
        await run.CompleteAsync("Task in subprocess", new { approved = true });
        await run.AssertEndedAsync(child.Id);

        Assert.True((await run.VariableAsync(caller.Id, "approved"))!.GetValue<bool>());
        await run.CompleteAsync("Task after subprocess");
        await run.AssertEndedAsync(caller.Id);
    }

    [ConformanceFact("camunda__simpleSubProcess2.bpmn20.xml", "camunda CallActivityTest.testCallSequentialSubProcess (second called process)")]
    public async Task Second_called_process_of_camunda_runs_to_its_end()
    {
        await SimpleSubProcess2Async("camunda__simpleSubProcess2.bpmn20.xml");
    }

    [ConformanceFact("flowable__simpleSubProcess2.bpmn20.xml", "flowable CallActivityAdvancedTest.testCallSequentialSubProcess (second called process)")]
    public async Task Second_called_process_of_flowable_runs_to_its_end()
    {
        await SimpleSubProcess2Async("flowable__simpleSubProcess2.bpmn20.xml");
    }

    private static async Task SimpleSubProcess2Async(string model)
    {
        var run = await ModelRun.PublishAsync([model], [Callers.Calling("simpleSubProcess2")]);
        var caller = await run.StartAsync("caller");

        await run.CompleteAsync("Task in subprocess 2");
        await run.CompleteAsync("Task after subprocess");

        await run.AssertEndedAsync(caller.Id);
        await run.AssertEndedAsync(Assert.Single(await run.InstancesAsync("simpleSubProcess2")).Id);
    }

    [ConformanceFact("camunda__simpleParallelSubProcess.bpmn20.xml", "camunda CallActivityTest.testCallParallelSubProcess")]
    public async Task Called_parallel_process_ends_when_both_branches_end_camunda()
    {
        await ParallelCalledAsync("camunda__simpleParallelSubProcess.bpmn20.xml");
    }

    [ConformanceFact("flowable__simpleParallelSubProcess.bpmn20.xml", "flowable CallActivityAdvancedTest.testCallParallelSubProcess")]
    public async Task Called_parallel_process_ends_when_both_branches_end_flowable()
    {
        await ParallelCalledAsync("flowable__simpleParallelSubProcess.bpmn20.xml");
    }

    private static async Task ParallelCalledAsync(string model)
    {
        var run = await ModelRun.PublishAsync([model], [Callers.Calling("simpleParallelSubProcess")]);
        var caller = await run.StartAsync("caller");

        Assert.Equal(["taskA", "taskB"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task A");
        Assert.Equal(["taskB"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task B");
        Assert.Equal(["taskAfterSubProcess"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task after subprocess");

        await run.AssertEndedAsync(caller.Id);
    }

    [ConformanceFact("camunda__subProcessWithVersionTag.bpmn20.xml", "camunda CallActivityTest.testCallProcessByVersionTag (called process)")]
    public async Task Called_process_with_a_version_tag_runs_its_user_task()
    {
        var run = await ModelRun.PublishAsync(["camunda__subProcessWithVersionTag.bpmn20.xml"], [Callers.Calling("subProcess")]);
        var caller = await run.StartAsync("caller");

        var child = Assert.Single(await run.InstancesAsync("subProcess"));
        Assert.Equal(1, child.DefinitionVersion);
        await run.CompleteAsync("User task ver 1");
        await run.CompleteAsync("Task after subprocess");
        await run.AssertEndedAsync(caller.Id);
    }

    [ConformanceFact("flowable__CallActivityTypeConversionTest.childProcess.bpmn20.xml", "flowable CallActivityTypeConversionTest (child process)")]
    public async Task Variables_passed_to_a_called_process_keep_their_types()
    {
        var run = await ModelRun.PublishAsync(["flowable__CallActivityTypeConversionTest.childProcess.bpmn20.xml"], [Callers.Calling("childProcess")]);
        var caller = await run.StartAsync("caller", new { count = 7, ratio = 0.25, flag = true, when = "2026-03-02", names = new[] { "a", "b" } });

        var child = Assert.Single(await run.InstancesAsync("childProcess"));
        Assert.Equal(7, child.State.Variables["count"]!.GetValue<decimal>());
        Assert.Equal(0.25m, child.State.Variables["ratio"]!.GetValue<decimal>());
        Assert.True(child.State.Variables["flag"]!.GetValue<bool>());
        Assert.Equal(2, child.State.Variables["names"]!.AsArray().Count);
        await run.CompleteAsync("Child task", new { count = 8 });
        Assert.Equal(8, (await run.VariableAsync(caller.Id, "count"))!.GetValue<decimal>());
        await run.CompleteAsync("Task after subprocess");
        await run.AssertEndedAsync(caller.Id);
    }

    [ConformanceFact("flowable__InclusiveGatewayTest.testJoinAfterCallSubProcess.bpmn20.xml", "flowable InclusiveGatewayTest.testJoinAfterCallSubProcess")]
    public async Task Inclusive_join_waits_for_the_called_process()
    {
        var run = await ModelRun.PublishAsync(["flowable__InclusiveGatewayTest.testJoinAfterCallSubProcess.bpmn20.xml"],
            [Callers.InclusiveJoinAfterCall("InclusiveGatewayAfterCallSubProcess")]);
        var caller = await run.StartAsync("caller");

        Assert.Equal(["taskA", "taskC"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task A");
        Assert.Equal(["taskC"], await run.OpenTaskIdsAsync()); // the join waits for the call
        await run.CompleteAsync("Task C");
        Assert.Equal(["taskAfterJoin"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task after join");
        await run.AssertEndedAsync(caller.Id);
    }

    [ConformanceFact("camunda__MultiInstanceTest.externalSubProcess.bpmn20.xml", "camunda MultiInstanceTest.testParallelCallActivity (called externalSubProcess)")]
    public async Task Parallel_multi_instance_call_runs_one_called_instance_per_item()
    {
        const string loop = """<multiInstanceLoopCharacteristics isSequential="false"><loopCardinality>3</loopCardinality></multiInstanceLoopCharacteristics>""";
        var run = await ModelRun.PublishAsync(["camunda__MultiInstanceTest.externalSubProcess.bpmn20.xml"], [Callers.Calling("externalSubProcess", loop)]);
        var caller = await run.StartAsync("caller");

        Assert.Equal(3, (await run.InstancesAsync("externalSubProcess")).Count);
        var tasks = await run.OpenTasksAsync();
        Assert.Equal(6, tasks.Count);
        Assert.All(tasks, t => Assert.Equal("kermit", t.Assignee));
        foreach (var task in tasks) await run.CompleteAsync(task);
        await run.CompleteAsync("Task after subprocess");

        await run.AssertEndedAsync(caller.Id);
    }
}
