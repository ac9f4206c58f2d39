using Workflows.Engine.Contracts;

namespace Workflows.Conformance.Tests.Events;

/// <summary>BPMN errors from delegates caught by boundary events, as Camunda's error tests throw them.</summary>
public sealed class ErrorTests
{
    [ConformanceFact("camunda__BoundaryErrorEventTest.testCatchErrorThrownByDelegateExpression.bpmn20.xml",
        "camunda BoundaryErrorEventTest.testCatchErrorThrownByDelegateExpression")]
    public async Task Error_thrown_by_a_delegate_is_caught_by_the_boundary_with_its_code()
    {
        var myDelegate = new ScriptedHandler("myDelegate", _ => throw new BpmnErrorException("MyError"));
        var run = await ModelRun.PublishAsync("camunda__BoundaryErrorEventTest.testCatchErrorThrownByDelegateExpression.bpmn20.xml", myDelegate);
        var instance = await run.StartAsync("testProcess");

        Assert.Equal(["userTaskError"], await run.OpenTaskIdsAsync());
        await run.CompleteAsync("Error Task");
        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["endError"], await run.EndEventsReachedAsync(instance.Id));
    }

    [ConformanceFact("camunda__MultiInstanceTest.testCatchErrorThrownByParallelDelegateExpression.bpmn20.xml",
        "camunda MultiInstanceTest.testCatchErrorThrownByParallelDelegateExpression")]
    public async Task Error_from_one_item_of_a_parallel_multi_instance_service_interrupts_them_all()
    {
        var myDelegate = new ScriptedHandler("myDelegate", _ => throw new BpmnErrorException("MyError"));
        var run = await ModelRun.PublishAsync("camunda__MultiInstanceTest.testCatchErrorThrownByParallelDelegateExpression.bpmn20.xml", myDelegate);
        var instance = await run.StartAsync("testProcess");

        Assert.Equal(["userTaskError"], await run.OpenTaskIdsAsync());
        Assert.Single(myDelegate.Calls);
        Assert.Empty((await run.InstanceAsync(instance.Id)).State.Scopes);
        await run.CompleteAsync("Error Task");
        await run.AssertEndedAsync(instance.Id);
    }
}
