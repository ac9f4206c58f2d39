using Workflows.Engine.Runtime.State;

namespace Workflows.Conformance.Tests.Events;

/// <summary>Terminate end events inside sub-processes end only their scope, as TerminateEndEventTest asserts.</summary>
public sealed class TerminateInSubProcessTests
{
    [ConformanceFact("flowable__TerminateEndEventTest.testTerminateInSubProcess.bpmn", "flowable TerminateEndEventTest.testTerminateInSubProcess")]
    public async Task Terminate_in_a_sub_process_ends_only_the_sub_process()
    {
        var run = await ModelRun.PublishAsync("flowable__TerminateEndEventTest.testTerminateInSubProcess.bpmn");
        var instance = await run.StartAsync("terminateEndEventExample");

        await run.AssertRunningAsync(instance.Id);
        Assert.Contains("EndEvent_3", await run.EndEventsReachedAsync(instance.Id));
        await run.CompleteAsync("check before normal end");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__TerminateEndEventTest.testTerminateInSubProcessConcurrent.bpmn", "camunda TerminateEndEventTest.testTerminateInSubProcessConcurrent")]
    public async Task Terminate_in_a_sub_process_cancels_its_concurrent_task_only()
    {
        var run = await ModelRun.PublishAsync("camunda__TerminateEndEventTest.testTerminateInSubProcessConcurrent.bpmn");
        var instance = await run.StartAsync("terminateEndEventExample");

        Assert.Equal(["preNormalEnd"], await run.OpenTaskIdsAsync());
        Assert.Contains(await run.HistoryAsync(instance.Id), h => h.Event == HistoryEventType.TaskCancelled && h.ElementId == "UserTask_1");
        await run.AssertRunningAsync(instance.Id);
        await run.CompleteAsync("check before normal end");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__TerminateEndEventTest.testTerminateInSubProcessMultiInstance.bpmn", "camunda TerminateEndEventTest.testTerminateInSubProcessMultiInstance")]
    public async Task Terminate_in_each_sub_process_instance_ends_that_instance_only()
    {
        var run = await ModelRun.PublishAsync("camunda__TerminateEndEventTest.testTerminateInSubProcessMultiInstance.bpmn");
        var instance = await run.StartAsync("terminateEndEventExample");

        Assert.Equal(5, (await run.EndEventsReachedAsync(instance.Id)).Count(e => e == "EndEvent_1"));
        Assert.Equal(["preNormalEnd"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("check before normal end");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__TerminateEndEventTest.testTerminateWithSubProcess.bpmn", "camunda TerminateEndEventTest.testTerminateWithSubProcess")]
    public async Task Terminate_at_process_level_ends_a_running_sub_process()
    {
        var run = await ModelRun.PublishAsync("camunda__TerminateEndEventTest.testTerminateWithSubProcess.bpmn");
        var instance = await run.StartAsync("terminateEndEventExample");
        Assert.Equal(["preNormalEnd", "preTerminateEnd"], await run.OpenTaskIdsAsync());

        await run.CompleteAsync("check before termination");

        await run.AssertEndedAsync(instance.Id, InstanceStatus.Terminated);
        Assert.Empty((await run.InstanceAsync(instance.Id)).State.Scopes);
    }
}
