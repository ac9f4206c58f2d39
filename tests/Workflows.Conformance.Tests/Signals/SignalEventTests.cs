using Workflows.Engine.Runtime.State;

namespace Workflows.Conformance.Tests.Signals;

/// <summary>
/// Signal events as Camunda 7's SignalEventTest drives them: a throw (or <c>signalEventReceived</c>) reaches every
/// subscription of the signal's name, catch and boundary events (interrupting and not) and signal start events.
/// The shared corpus has no signal model, so these run models of ours written after the source test's resources.
/// </summary>
public sealed class SignalEventTests
{
    [OwnModelFact("camunda SignalEventTest.testSignalCatchIntermediate", "Signals/catch-alert.bpmn", "Signals/throw-alert.bpmn")]
    public async Task Thrown_signal_ends_the_instance_waiting_at_its_catch_event()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/catch-alert.bpmn", "Signals/throw-alert.bpmn");
        var catching = await run.StartAsync("catchSignal");
        Assert.Equal(1, await run.SignalSubscriptionsAsync("alert"));
        Assert.Equal(1, await run.RunningCountAsync());

        var throwing = await run.StartAsync("throwSignal");

        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert"));
        Assert.Equal(0, await run.RunningCountAsync());
        await run.AssertEndedAsync(catching.Id);
        await run.AssertEndedAsync(throwing.Id);
    }

    [OwnModelFact("camunda SignalEventTest.testSignalCatchBoundary", "Signals/catch-alert-boundary.bpmn", "Signals/throw-alert.bpmn")]
    public async Task Thrown_signal_interrupts_the_task_its_boundary_event_is_attached_to()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/catch-alert-boundary.bpmn", "Signals/throw-alert.bpmn");
        var catching = await run.StartAsync("catchSignal");
        Assert.Equal(1, await run.SignalSubscriptionsAsync("alert"));

        await run.StartAsync("throwSignal");

        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert"));
        Assert.Equal(0, await run.RunningCountAsync());
        await run.AssertEndedAsync(catching.Id);
    }

    [OwnModelFact("camunda SignalEventTest.testSignalCatchBoundaryWithVariables", "Signals/catch-alert-boundary.bpmn", "Signals/throw-alert.bpmn")]
    public async Task A_signal_without_payload_leaves_the_receivers_variables_alone()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/catch-alert-boundary.bpmn", "Signals/throw-alert.bpmn");
        var catching = await run.StartAsync("catchSignal", new { processName = "catchSignal" });

        await run.StartAsync("throwSignal", new { processName = "throwSignal" });

        Assert.Equal("catchSignal", (await run.VariableAsync(catching.Id, "processName"))!.GetValue<string>());
    }

    [OwnModelFact("camunda SignalEventTest.testSignalCatchDifferentSignals",
        "Signals/catch-alert-and-abort.bpmn", "Signals/throw-alert.bpmn", "Signals/throw-abort.bpmn")]
    public async Task Each_signal_reaches_only_the_events_waiting_for_its_name()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/catch-alert-and-abort.bpmn", "Signals/throw-alert.bpmn", "Signals/throw-abort.bpmn");
        var catching = await run.StartAsync("catchSignal");
        Assert.Equal(2, await run.SignalSubscriptionsAsync("alert") + await run.SignalSubscriptionsAsync("abort"));

        await run.StartAsync("throwAbort");
        Assert.Equal(1, await run.SignalSubscriptionsAsync("alert"));
        Assert.Equal(0, await run.SignalSubscriptionsAsync("abort"));
        Assert.Equal(1, await run.RunningCountAsync());
        var afterAbort = Assert.Single(await run.OpenTasksAsync(), t => t.Assignee == "gonzo");
        await run.CompleteAsync(afterAbort);

        await run.StartAsync("throwSignal");
        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert"));
        await run.AssertEndedAsync(catching.Id);
    }

    [OwnModelFact("camunda SignalEventTest.testSignalBoundaryOnSubProcess", "Signals/boundary-on-sub-process.bpmn")]
    public async Task Signal_on_a_sub_process_boundary_ends_the_process()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/boundary-on-sub-process.bpmn");
        var instance = await run.StartAsync("signalEventOnSubprocess");

        Assert.Equal(1, await run.SignalAsync("stopSignal"));

        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["stoppedEnd"], await run.EndEventsReachedAsync(instance.Id));
    }

    [OwnModelFact("camunda SignalEventTest.testNonInterruptingSignal", "Signals/non-interrupting.bpmn")]
    public async Task Non_interrupting_signal_adds_a_task_beside_the_running_one()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/non-interrupting.bpmn");
        var instance = await run.StartAsync("nonInterruptingSignalEvent");
        Assert.Equal("My User Task", Assert.Single(await run.OpenTasksAsync()).Name);

        await run.SignalAsync("alert");

        Assert.Equal(["My Second User Task", "My User Task"], (await run.OpenTasksAsync()).Select(t => t.Name!).Order().ToArray());
        await run.CompleteAsync("My User Task");
        Assert.Equal("My Second User Task", Assert.Single(await run.OpenTasksAsync()).Name);
        await run.CompleteAsync("My Second User Task");
        await run.AssertEndedAsync(instance.Id);
    }

    [OwnModelFact("camunda SignalEventTest.testNonInterruptingSignalWithSubProcess", "Signals/non-interrupting-sub-process.bpmn")]
    public async Task Non_interrupting_signal_on_a_nested_sub_process_starts_its_own_path()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/non-interrupting-sub-process.bpmn");
        var instance = await run.StartAsync("nonInterruptingSignalWithSubProcess");
        Assert.Equal("Approve", Assert.Single(await run.OpenTasksAsync()).Name);

        await run.SignalAsync("alert");

        Assert.Equal(["Approve", "Review"], (await run.OpenTasksAsync()).Select(t => t.Name!).Order().ToArray());
        await run.CompleteAsync("Approve");
        Assert.Equal("Review", Assert.Single(await run.OpenTasksAsync()).Name);
        await run.CompleteAsync("Review");
        Assert.Equal("Finish", Assert.Single(await run.OpenTasksAsync()).Name);
        await run.CompleteAsync("Finish");
        await run.AssertEndedAsync(instance.Id);
    }

    [OwnModelFact("camunda SignalEventTest.testSignalStartEvent", "Signals/start-by-alert.bpmn")]
    public async Task Signal_starts_the_process_with_a_signal_start_event()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/start-by-alert.bpmn");

        Assert.Equal(1, await run.SignalAsync("alert"));

        Assert.Single(await run.OpenTasksAsync());
    }

    [OwnModelFact("camunda SignalEventTest.testMultipleProcessesWithSameSignalStartEvent",
        "Signals/start-by-alert.bpmn", "Signals/other-start-by-alert.bpmn")]
    public async Task Signal_starts_every_process_with_a_start_event_for_it()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/start-by-alert.bpmn", "Signals/other-start-by-alert.bpmn");

        Assert.Equal(2, await run.SignalAsync("alert"));

        Assert.Equal(2, (await run.OpenTasksAsync()).Count);
    }

    [OwnModelFact("camunda SignalEventTest.testStartProcessInstanceBySignalFromIntermediateThrowingSignalEvent",
        "Signals/start-by-alert.bpmn", "Signals/throw-alert.bpmn")]
    public async Task Thrown_signal_starts_the_process_with_a_signal_start_event()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/start-by-alert.bpmn", "Signals/throw-alert.bpmn");

        await run.StartAsync("throwSignal");

        var task = Assert.Single(await run.OpenTasksAsync());
        Assert.Equal("startBySignal", task.ProcessId);
    }

    [OwnModelFact("camunda SignalEventTest.testProcessesWithMultipleSignalStartEvents", "Signals/start-by-two-signals.bpmn")]
    public async Task A_process_with_two_signal_start_events_starts_at_the_one_signalled()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/start-by-two-signals.bpmn");

        await run.SignalAsync("alert");

        Assert.Equal("alertTask", Assert.Single(await run.OpenTasksAsync()).ElementId);
    }

    [OwnModelFact("camunda SignalEventTest.testThrowSignalMultipleCancellingReceivers", "Signals/catch-alert-twice-and-terminate.bpmn")]
    public async Task Signal_reaching_two_catches_that_terminate_terminates_once()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/catch-alert-twice-and-terminate.bpmn");
        var instance = await run.StartAsync("catchAlertTwiceAndTerminate");
        Assert.Equal(2, await run.SignalSubscriptionsAsync("alert"));

        await run.SignalAsync("alert");

        await AssertTerminatedOnceAsync(run, instance.Id);
    }

    [OwnModelFact("camunda SignalEventTest.testIntermediateThrowSignalMultipleCancellingReceivers",
        "Signals/catch-alert-twice-and-terminate.bpmn", "Signals/throw-alert.bpmn")]
    public async Task Thrown_signal_reaching_two_catches_that_terminate_terminates_once()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/catch-alert-twice-and-terminate.bpmn", "Signals/throw-alert.bpmn");
        var instance = await run.StartAsync("catchAlertTwiceAndTerminate");

        await run.StartAsync("throwSignal");

        await AssertTerminatedOnceAsync(run, instance.Id);
        Assert.Equal(0, await run.RunningCountAsync());
    }

    private static async Task AssertTerminatedOnceAsync(ModelRun run, Guid instanceId)
    {
        await run.AssertEndedAsync(instanceId, InstanceStatus.Terminated);
        Assert.Single(await run.EndEventsReachedAsync(instanceId));
        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert"));
    }
}
