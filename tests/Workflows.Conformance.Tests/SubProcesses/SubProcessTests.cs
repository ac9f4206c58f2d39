using Workflows.Engine.Runtime.State;

namespace Workflows.Conformance.Tests.SubProcesses;

/// <summary>Embedded sub-processes, as Camunda's and Flowable's SubProcessTest drive them.</summary>
public sealed class SubProcessTests
{
    [ConformanceFact("camunda__SubProcessTest.testSimpleAutomaticSubProcess.bpmn20.xml", "camunda SubProcessTest.testSimpleAutomaticSubProcess")]
    public async Task Automatic_sub_process_runs_through_at_once()
    {
        var run = await ModelRun.PublishAsync("camunda__SubProcessTest.testSimpleAutomaticSubProcess.bpmn20.xml");
        var instance = await run.StartAsync("simpleSubProcessAutomatic");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(1, await run.TimesEnteredAsync(instance.Id, "subProcessTask"));
        Assert.Equal(["subProcessEnd", "theEnd"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("flowable__SubProcessTest.testSimpleSubProcess.bpmn20.xml", "flowable SubProcessTest.testSimpleSubProcess")]
    public async Task Task_in_a_sub_process_ends_the_process_when_completed()
    {
        var run = await ModelRun.PublishAsync("flowable__SubProcessTest.testSimpleSubProcess.bpmn20.xml");
        var instance = await run.StartAsync("simpleSubProcess");

        var task = await run.TaskAsync("Task in subprocess");
        Assert.Equal("subProcessTask", task.ElementId);
        Assert.Single((await run.InstanceAsync(instance.Id)).State.Scopes);
        await run.CompleteAsync(task);

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__SubProcessTest.testSimpleParallelSubProcess.bpmn20.xml", "camunda SubProcessTest.testSimpleParallelSubProcess")]
    public async Task Parallel_tasks_in_a_sub_process_join_before_it_completes_camunda()
    {
        await ParallelSubProcessAsync("camunda__SubProcessTest.testSimpleParallelSubProcess.bpmn20.xml");
    }

    [ConformanceFact("flowable__SubProcessTest.testSimpleParallelSubProcess.bpmn20.xml", "flowable SubProcessTest.testSimpleParallelSubProcess")]
    public async Task Parallel_tasks_in_a_sub_process_join_before_it_completes_flowable()
    {
        await ParallelSubProcessAsync("flowable__SubProcessTest.testSimpleParallelSubProcess.bpmn20.xml");
    }

    private static async Task ParallelSubProcessAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("simpleParallelSubProcess");

        Assert.Equal(["task1", "task2"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task A");
        Assert.Equal(["task2"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task B");
        Assert.Equal(["taskAfterSubProcess"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task after sub process");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(1, await run.TimesEnteredAsync(instance.Id, "taskAfterSubProcess"));
        Assert.Equal(["subProcessEnd", "theEnd"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("camunda__SubProcessTest.testTwoSubProcessInParallel.bpmn20.xml", "camunda SubProcessTest.testTwoSubProcessInParallel")]
    public async Task Two_sub_processes_in_parallel_each_go_on_alone_camunda()
    {
        await TwoInParallelAsync("camunda__SubProcessTest.testTwoSubProcessInParallel.bpmn20.xml");
    }

    [ConformanceFact("flowable__SubProcessTest.testTwoSubProcessInParallel.bpmn20.xml", "flowable SubProcessTest.testTwoSubProcessInParallel")]
    public async Task Two_sub_processes_in_parallel_each_go_on_alone_flowable()
    {
        await TwoInParallelAsync("flowable__SubProcessTest.testTwoSubProcessInParallel.bpmn20.xml");
    }

    private static async Task TwoInParallelAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("twoSubProcessInParallel");

        Assert.Equal(["subProcessATask", "subProcessBTask"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task in subprocess A");
        Assert.Equal(["subProcessBTask", "taskAfterSubProcessA"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task in subprocess B");
        Assert.Equal(["taskAfterSubProcessA", "taskAfterSubProcessB"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Task after subprocess A");
        await run.CompleteAsync("Task after subprocess B");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["subProcessAEnd", "subProcessBEnd", "theEnd1", "theEnd2"],
            (await run.EndEventsReachedAsync(instance.Id)).Order(StringComparer.Ordinal).ToArray());
    }

    [ConformanceFact("camunda__SubProcessTest.testTwoSubProcessInParallelWithinSubProcess.bpmn20.xml",
        "camunda SubProcessTest.testTwoSubProcessInParallelWithinSubProcess")]
    public async Task Two_parallel_sub_processes_inside_a_sub_process_join_before_it_completes()
    {
        var run = await ModelRun.PublishAsync("camunda__SubProcessTest.testTwoSubProcessInParallelWithinSubProcess.bpmn20.xml");
        var instance = await run.StartAsync("twoSubProcessInParallelWithinSubProcess");

        Assert.Equal(["subProcessATask", "subProcessBTask"], await run.OpenTaskIdsAsync());
        Assert.Equal(3, (await run.InstanceAsync(instance.Id)).State.Scopes.Count);
        await run.CompleteAsync("subProcessATask");
        Assert.Equal(["subProcessBTask"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("subProcessBTask");
        Assert.Equal(["taskAfterSubProcess"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("taskAfterSubProcess");

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__SubProcessTest.testNestedSimpleSubProcess.bpmn20.xml", "flowable SubProcessTest.testNestedSimpleSubProcess")]
    public async Task Nested_sub_processes_complete_from_the_inside_out()
    {
        var run = await ModelRun.PublishAsync("flowable__SubProcessTest.testNestedSimpleSubProcess.bpmn20.xml");
        var instance = await run.StartAsync("nestedSimpleSubProcess");

        Assert.Equal(2, (await run.InstanceAsync(instance.Id)).State.Scopes.Count);
        await run.CompleteAsync("Task in subprocess");
        Assert.Empty((await run.InstanceAsync(instance.Id)).State.Scopes);
        await run.CompleteAsync("Task after subprocesses");

        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__UncontrolledFlowTest.testSubProcessTwoOutgoingFlowsEndProcess.bpmn20.xml",
        "camunda UncontrolledFlowTest.testSubProcessTwoOutgoingFlowsEndProcess")]
    public async Task Sub_process_with_two_unconditional_outgoing_flows_takes_both()
    {
        var run = await ModelRun.PublishAsync("camunda__UncontrolledFlowTest.testSubProcessTwoOutgoingFlowsEndProcess.bpmn20.xml");
        var instance = await run.StartAsync("process");

        await run.CompleteAsync("innerTask");

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["end1", "end2", "innerEnd"], (await run.EndEventsReachedAsync(instance.Id)).Order(StringComparer.Ordinal).ToArray());
    }

    [ConformanceFact("camunda__InputOutputTest.testSubprocessIoSupport.bpmn20.xml", "camunda InputOutputTest.testSubprocessIoSupport")]
    public async Task Sub_process_output_mapping_reads_its_input_mapping()
    {
        var run = await ModelRun.PublishAsync("camunda__InputOutputTest.testSubprocessIoSupport.bpmn20.xml");
        var instance = await run.StartAsync("testProcess", new { processVar = "value" });

        var state = await run.InstanceAsync(instance.Id);
        var scope = Assert.Single(state.State.Scopes);
        Assert.Equal("value", scope.Variables["innerVar"]!.GetValue<string>());
        Assert.Null(state.State.Variables["innerVar"]);

        await run.CompleteAsync("subprocessTask");

        Assert.Equal("value", (await run.VariableAsync(instance.Id, "outerVar"))!.GetValue<string>());
        Assert.Null(await run.VariableAsync(instance.Id, "innerVar"));
        await run.CompleteAsync("UserTask_1");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__BoundaryErrorEventTest.testCatchErrorInConcurrentEmbeddedSubprocesses.bpmn20.xml",
        "flowable BoundaryErrorEventTest.testCatchErrorInConcurrentEmbeddedSubprocesses")]
    public async Task Errors_of_concurrent_inner_sub_processes_are_caught_by_their_own_boundaries()
    {
        var run = await ModelRun.PublishAsync("flowable__BoundaryErrorEventTest.testCatchErrorInConcurrentEmbeddedSubprocesses.bpmn20.xml");
        var instance = await run.StartAsync("boundaryEventTestConcurrentSubprocesses");
        Assert.Equal(["taskA", "taskB"], await run.OpenTaskIdsAsync());

        // Error 2 is caught on the inner sub-process: task C, while task A goes on.
        await run.CompleteAsync("task B");
        Assert.Equal(["taskA", "taskC"], await run.OpenTaskIdsAsync());

        // Error 1 is caught on the outer sub-process: everything inside it is cancelled, task D.
        await run.CompleteAsync("task A");
        Assert.Equal(["taskD"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("task D");

        await run.AssertEndedAsync(instance.Id);
        Assert.Contains("end2", await run.EndEventsReachedAsync(instance.Id));
        Assert.DoesNotContain("end1", await run.EndEventsReachedAsync(instance.Id));
    }
}
