using Workflows.Engine.Contracts;

namespace Workflows.Conformance.Tests.Events;

/// <summary>Error end events inside sub-processes caught on their boundaries, as the BoundaryErrorEventTest classes drive them.</summary>
public sealed class BoundaryErrorTests
{
    [ConformanceFact("camunda__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml",
        "camunda BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess")]
    public async Task Catch_all_boundary_catches_a_coded_error_end_event()
    {
        await CatchAllAsync("camunda__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocess.bpmn20.xml");
    }

    [ConformanceFact("camunda__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocessWithoutErrorCode.bpmn20.xml",
        "camunda BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocessWithoutErrorCode")]
    public async Task Boundary_without_error_code_catches_any_error()
    {
        await CatchAllAsync("camunda__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocessWithoutErrorCode.bpmn20.xml");
    }

    [ConformanceFact("flowable__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocessWithEmptyErrorCode.bpmn20.xml",
        "flowable BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocessWithEmptyErrorCode")]
    public async Task Boundary_with_an_empty_error_definition_catches_any_error()
    {
        await CatchAllAsync("flowable__BoundaryErrorEventTest.testCatchErrorOnEmbeddedSubprocessWithEmptyErrorCode.bpmn20.xml");
    }

    private static async Task CatchAllAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("boundaryErrorOnEmbeddedSubprocess");

        await run.CompleteAsync("subprocessTask");
        Assert.Equal(["taskAfterErrorCatch"], await run.OpenTaskIdsAsync());
        Assert.Empty((await run.InstanceAsync(instance.Id)).State.Scopes);
        await run.CompleteAsync("task after catching the error"); // no outgoing flow: the path ends there

        await run.AssertEndedAsync(instance.Id);
        Assert.DoesNotContain("theEnd", await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("flowable__BoundaryErrorEventTest.testCatchErrorOfInnerSubprocessOnOuterSubprocess.bpmn20.xml",
        "flowable BoundaryErrorEventTest.testCatchErrorOfInnerSubprocessOnOuterSubprocess")]
    public async Task Error_not_matching_the_inner_boundary_is_caught_on_the_outer_one()
    {
        var run = await ModelRun.PublishAsync("flowable__BoundaryErrorEventTest.testCatchErrorOfInnerSubprocessOnOuterSubprocess.bpmn20.xml");
        var instance = await run.StartAsync("boundaryErrorTest");
        Assert.Equal(["innerTask1", "innerTask2"], await run.OpenTaskIdsAsync());

        await run.CompleteAsync("Inner subprocess task 2");

        Assert.Equal(["taskAfterErrorCatch"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("task outside subprocess");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__BoundaryErrorEventTest.testCatchErrorOnParallelMultiInstance.bpmn20.xml",
        "camunda BoundaryErrorEventTest.testCatchErrorOnParallelMultiInstance")]
    public async Task Error_from_one_sub_process_instance_ends_the_multi_instance_camunda()
    {
        await ParallelMultiInstanceErrorAsync("camunda__BoundaryErrorEventTest.testCatchErrorOnParallelMultiInstance.bpmn20.xml");
    }

    [ConformanceFact("flowable__BoundaryErrorEventTest.testCatchErrorOnParallelMultiInstance.bpmn20.xml",
        "flowable BoundaryErrorEventTest.testCatchErrorOnParallelMultiInstance")]
    public async Task Error_from_one_sub_process_instance_ends_the_multi_instance_flowable()
    {
        await ParallelMultiInstanceErrorAsync("flowable__BoundaryErrorEventTest.testCatchErrorOnParallelMultiInstance.bpmn20.xml");
    }

    private static async Task ParallelMultiInstanceErrorAsync(string model)
    {
        var run = await ModelRun.PublishAsync(model);
        var instance = await run.StartAsync("catchErrorOnParallelMi");

        var tasks = await run.OpenTasksAsync();
        Assert.Equal(5, tasks.Count);
        // Two instances end normally, a third throws the error.
        await run.CompleteAsync(tasks[2], new { throwError = false });
        await run.CompleteAsync(tasks[3], new { throwError = false });
        await run.CompleteAsync(tasks[1], new { throwError = true });

        Assert.Empty(await run.OpenTasksAsync());
        await run.AssertEndedAsync(instance.Id);
        Assert.Contains("processEnd", await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("camunda__BoundaryErrorEventTest.testCatchErrorThrownByDelegateExpressionOnServiceTask.bpmn20.xml",
        "camunda BoundaryErrorEventTest.testCatchErrorThrownByDelegateExpressionOnServiceTask")]
    public async Task Error_from_a_delegate_expression_bean_is_caught_by_code()
    {
        var bean = new ScriptedHandler("bpmnErrorBean.getDelegate()", _ => throw new BpmnErrorException("23"));
        var run = await ModelRun.PublishAsync("camunda__BoundaryErrorEventTest.testCatchErrorThrownByDelegateExpressionOnServiceTask.bpmn20.xml", bean);
        var instance = await run.StartAsync("testCatchErrorThrownByDelegateExpressionOnServiceTask");

        Assert.Equal(["escalatedTask"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Escalated Task");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__twoExternalTaskProcess.bpmn20.xml", "camunda ExternalTaskServiceTest.testHandleBpmnError")]
    public async Task External_task_worker_reporting_a_bpmn_error_takes_the_error_path()
    {
        var worker = new ScriptedHandler("externalTaskTopic", _ => throw new BpmnErrorException("ERROR-OCCURED"));
        var run = await ModelRun.PublishAsync("camunda__twoExternalTaskProcess.bpmn20.xml", worker);
        var instance = await run.StartAsync("twoExternalTaskProcess");

        Assert.Equal(["afterBpmnError"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("afterBpmnError");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__UnhandledBpmnErrorTest.testUncaughtErrorSimpleProcess.bpmn20.xml",
        "camunda UnhandledBpmnErrorTest.testUncaughtErrorSimpleProcess (with the engine's default, enableExceptionsAfterUnhandledBpmnError=false)")]
    public async Task Uncaught_error_end_event_ends_like_a_none_end_event()
    {
        var run = await ModelRun.PublishAsync("camunda__UnhandledBpmnErrorTest.testUncaughtErrorSimpleProcess.bpmn20.xml");
        var instance = await run.StartAsync("process");

        await run.AssertEndedAsync(instance.Id);
        Assert.Contains(await run.HistoryAsync(instance.Id), h => h.Event == Workflows.Engine.Runtime.State.HistoryEventType.ErrorThrown);
    }

    [ConformanceFact("flowable__throwError.bpmn", "flowable ErrorPropagationTest.test (catchError4 calls catchError3 calls throwError)")]
    public async Task Error_of_a_called_process_is_caught_by_the_nearest_calling_boundary()
    {
        var run = await ModelRun.PublishAsync(["flowable__throwError.bpmn"], [NestedCallers()]);
        var outer = await run.StartAsync("catchError4");

        var task = Assert.Single(await run.OpenTasksAsync());
        Assert.Equal("MyErrorTaskNested", task.Name);
        var middle = Assert.Single(await run.InstancesAsync("catchError3"));
        Assert.Equal(task.InstanceId, middle.Id);
        Assert.NotEqual(Workflows.Engine.Runtime.State.InstanceStatus.Running, Assert.Single(await run.InstancesAsync("throwError")).Status);

        await run.CompleteAsync(task);
        await run.AssertEndedAsync(middle.Id);
        await run.AssertEndedAsync(outer.Id);
        Assert.Equal(["outerNormalEnd"], await run.EndEventsReachedAsync(outer.Id));
    }

    [ConformanceFact("flowable__BoundaryErrorEventTest.multipleErrorsThrow2.bpmn20.xml",
        "flowable BoundaryErrorEventTest.testCatchMultipleErrorsOnCallActivityNoSpecificError")]
    public async Task Error_of_a_called_process_without_a_specific_boundary_goes_to_the_catch_all()
    {
        var run = await ModelRun.PublishAsync(["flowable__BoundaryErrorEventTest.multipleErrorsThrow2.bpmn20.xml"], [MultipleErrorsCatch()]);
        var caller = await run.StartAsync("catchError");

        Assert.Equal(["emptyErrorTask"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("emptyErrorTask");
        await run.AssertEndedAsync(caller.Id);
    }

    /// <summary>The source test's callers, in our words: catchError4 calls catchError3, whose call activity catches "myError".</summary>
    private static string NestedCallers() => """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="callers" targetNamespace="http://workflowhost.org/conformance">
          <error id="myError" errorCode="myError" />
          <process id="catchError4" isExecutable="true">
            <startEvent id="outerStart" />
            <sequenceFlow id="o1" sourceRef="outerStart" targetRef="callMiddle" />
            <callActivity id="callMiddle" calledElement="catchError3" />
            <boundaryEvent id="outerCatch" attachedToRef="callMiddle"><errorEventDefinition errorRef="myError" /></boundaryEvent>
            <sequenceFlow id="o2" sourceRef="outerCatch" targetRef="outerErrorTask" />
            <userTask id="outerErrorTask" name="MyErrorTask" />
            <sequenceFlow id="o3" sourceRef="outerErrorTask" targetRef="outerErrorEnd" />
            <endEvent id="outerErrorEnd" />
            <sequenceFlow id="o4" sourceRef="callMiddle" targetRef="outerNormalEnd" />
            <endEvent id="outerNormalEnd" />
          </process>
          <process id="catchError3" isExecutable="true">
            <startEvent id="middleStart" />
            <sequenceFlow id="m1" sourceRef="middleStart" targetRef="callThrow" />
            <callActivity id="callThrow" calledElement="throwError" />
            <boundaryEvent id="middleCatch" attachedToRef="callThrow"><errorEventDefinition errorRef="myError" /></boundaryEvent>
            <sequenceFlow id="m2" sourceRef="middleCatch" targetRef="nestedErrorTask" />
            <userTask id="nestedErrorTask" name="MyErrorTaskNested" />
            <sequenceFlow id="m3" sourceRef="nestedErrorTask" targetRef="middleEnd" />
            <endEvent id="middleEnd" />
            <sequenceFlow id="m4" sourceRef="callThrow" targetRef="middleEnd" />
          </process>
        </definitions>
        """;

    /// <summary>The source test's caller, in our words: a specific boundary for "myError" and a catch-all one.</summary>
    private static string MultipleErrorsCatch() => """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="callers" targetNamespace="http://workflowhost.org/conformance">
          <error id="myError" errorCode="myError" />
          <process id="catchError" isExecutable="true">
            <startEvent id="start" />
            <sequenceFlow id="c1" sourceRef="start" targetRef="callThrow" />
            <callActivity id="callThrow" calledElement="throwError" />
            <boundaryEvent id="catchSpecific" attachedToRef="callThrow"><errorEventDefinition errorRef="myError" /></boundaryEvent>
            <boundaryEvent id="catchAny" attachedToRef="callThrow"><errorEventDefinition /></boundaryEvent>
            <sequenceFlow id="c2" sourceRef="catchSpecific" targetRef="specificErrorTask" />
            <sequenceFlow id="c3" sourceRef="catchAny" targetRef="emptyErrorTask" />
            <userTask id="specificErrorTask" />
            <userTask id="emptyErrorTask" />
            <sequenceFlow id="c4" sourceRef="specificErrorTask" targetRef="end" />
            <sequenceFlow id="c5" sourceRef="emptyErrorTask" targetRef="end" />
            <sequenceFlow id="c6" sourceRef="callThrow" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;
}
