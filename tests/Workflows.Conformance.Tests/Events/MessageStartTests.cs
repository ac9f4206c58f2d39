namespace Workflows.Conformance.Tests.Events;

/// <summary>Processes started by a message, as the source engines' MessageStartEventTest correlate them.</summary>
public sealed class MessageStartTests
{
    [ConformanceFact("camunda__MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn",
        "camunda MessageStartEventTest.testMessageStartEventUsingCorrelationEngine")]
    public async Task Correlating_the_message_starts_an_instance()
    {
        var run = await ModelRun.PublishAsync("camunda__MessageStartEventTest.testMessageStartEventUsingCorrelationEngine.bpmn");

        Assert.Equal(1, await run.CorrelateAsync("newCorrelationStartMessage"));

        var instance = Assert.Single(await run.InstancesAsync("Process_testMessageStartEventUsingCorrelationEngine"));
        await run.CompleteAsync("Task_Manual_newCorrelationStartMessage");
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("flowable__MessageStartEventTest.testBusinessKeySet.bpmn20.xml", "flowable MessageStartEventTest.testBusinessKeySet")]
    public async Task Instance_started_by_a_message_carries_its_business_key()
    {
        var run = await ModelRun.PublishAsync("flowable__MessageStartEventTest.testBusinessKeySet.bpmn20.xml");

        Assert.Equal(1, await run.CorrelateAsync("start-by-message", "myBusinessKey", new { amount = 3 }));

        var instance = Assert.Single(await run.InstancesAsync("start-by-message-1"));
        Assert.Equal("myBusinessKey", instance.BusinessKey);
        Assert.Equal(3, instance.State.Variables["amount"]!.GetValue<decimal>());
        var review = await run.TaskAsync("Review");
        Assert.Equal("myBusinessKey", review.BusinessKey);
        await run.CompleteAsync(review);
        await run.AssertEndedAsync(instance.Id);
    }
}
