using Workflows.Engine.Runtime.State;

namespace Workflows.Conformance.Tests.Events;

/// <summary>Terminate end events, as Camunda's and Flowable's TerminateEndEventTest drive them.</summary>
public sealed class EndEventTests
{
    [ConformanceFact("flowable__TerminateEndEventTest.testProcessTerminate.bpmn", "flowable TerminateEndEventTest.testProcessTerminate")]
    public async Task Terminate_end_event_ends_the_other_branch_too()
    {
        var run = await ModelRun.PublishAsync("flowable__TerminateEndEventTest.testProcessTerminate.bpmn");
        var instance = await run.StartAsync("terminateEndEventExample");
        Assert.Equal(["preNormalTerminateTask", "preTerminateTask"], await run.OpenTaskIdsAsync());

        await run.CompleteAsync("check before termination");

        await run.AssertEndedAsync(instance.Id, InstanceStatus.Terminated);
        Assert.Equal(["EndEvent_2"], await run.EndEventsReachedAsync(instance.Id));
        Assert.Contains(await run.HistoryAsync(instance.Id), h => h.Event == HistoryEventType.TaskCancelled && h.ElementId == "preNormalTerminateTask");
    }

    [ConformanceFact("flowable__TerminateEndEventTest.testSimpleProcessTerminateWithAuthenticatedUser.bpmn20.xml",
        "flowable TerminateEndEventTest.testSimpleProcessTerminateWithAuthenticatedUser")]
    public async Task Terminate_after_the_only_task_ends_the_instance()
    {
        var run = await ModelRun.PublishAsync("flowable__TerminateEndEventTest.testSimpleProcessTerminateWithAuthenticatedUser.bpmn20.xml");
        var instance = await run.StartAsync("simpleProcessTerminateWithAuthenticatedUser");

        await run.CompleteAsync("Task1");

        await run.AssertEndedAsync(instance.Id, InstanceStatus.Terminated);
        Assert.Contains(await run.HistoryAsync(instance.Id), h => h.Event == HistoryEventType.TaskCompleted && h.Actor == "tester");
    }

    [ConformanceFact("camunda__TerminateEndEventTest.subProcessNoTerminate.bpmn", "camunda TerminateEndEventTest.testTerminateInCallActivity (called subProcessNoTerminate)")]
    public async Task Called_process_without_terminate_ends_normally_and_its_caller_goes_on()
    {
        var run = await ModelRun.PublishAsync(["camunda__TerminateEndEventTest.subProcessNoTerminate.bpmn"],
            [Callers.Calling("terminateEndEventSubprocessExample")]);
        var caller = await run.StartAsync("caller");

        await run.CompleteAsync("Perform Sample");
        var child = Assert.Single(await run.InstancesAsync("terminateEndEventSubprocessExample"));
        await run.AssertEndedAsync(child.Id);
        await run.CompleteAsync("Task after subprocess");
        await run.AssertEndedAsync(caller.Id);
    }
}
