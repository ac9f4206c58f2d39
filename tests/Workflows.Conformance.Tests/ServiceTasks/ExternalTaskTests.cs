namespace Workflows.Conformance.Tests.ServiceTasks;

/// <summary>
/// Camunda external tasks (<c>camunda:type="external"</c>): here the topic names a registered handler, which runs in
/// the step where Camunda's worker would fetch and complete the task.
/// </summary>
public sealed class ExternalTaskTests
{
    [ConformanceFact("camunda__ExternalTaskParseTest.testParseExternalTaskWithStringTopic.bpmn20.xml",
        "camunda ExternalTaskParseTest.testParseExternalTaskWithStringTopic")]
    public async Task External_task_is_worked_by_the_handler_of_its_topic()
    {
        var worker = new ScriptedHandler("testTopicString");
        var run = await ModelRun.PublishAsync("camunda__ExternalTaskParseTest.testParseExternalTaskWithStringTopic.bpmn20.xml", worker);
        var instance = await run.StartAsync("oneExternalTaskWithStringTopicProcess");

        var call = Assert.Single(worker.Calls);
        Assert.Equal("externalTask", call.ElementId);
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ExternalTaskServiceTest.testFetchAndLockWithoutExtensionProperties.bpmn20.xml",
        "camunda ExternalTaskServiceTest.testFetchAndLockWithoutExtensionProperties")]
    public async Task External_task_worker_sees_the_instance_variables_and_returns_its_own()
    {
        var worker = new ScriptedHandler("externalTaskTopic", ctx => new System.Text.Json.Nodes.JsonObject
        {
            ["handled"] = ctx.Variables["orderId"]!.GetValue<decimal>() + 1,
        });
        var run = await ModelRun.PublishAsync("camunda__ExternalTaskServiceTest.testFetchAndLockWithoutExtensionProperties.bpmn20.xml", worker);
        var instance = await run.StartAsync("oneExternalTaskWithoutCustomProperties", new { orderId = 41 });

        Assert.Single(worker.Calls);
        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(42, (await run.VariableAsync(instance.Id, "handled"))!.GetValue<decimal>());
    }

    [ConformanceFact("camunda__ExternalTaskServiceTest.testFetchTopicSelection.bpmn20.xml", "camunda ExternalTaskServiceTest.testFetchTopicSelection")]
    public async Task Each_topic_goes_to_its_own_worker()
    {
        var topic1 = new ScriptedHandler("topic1");
        var topic2 = new ScriptedHandler("topic2");
        var run = await ModelRun.PublishAsync("camunda__ExternalTaskServiceTest.testFetchTopicSelection.bpmn20.xml", topic1, topic2);
        var instance = await run.StartAsync("twoTopicsProcess");

        Assert.Equal("externalTask1", Assert.Single(topic1.Calls).ElementId);
        Assert.Equal("externalTask2", Assert.Single(topic2.Calls).ElementId);
        await run.AssertEndedAsync(instance.Id);
        Assert.Equal(["end1", "end2"], (await run.EndEventsReachedAsync(instance.Id)).Order(StringComparer.Ordinal).ToArray());
    }

    [ConformanceFact("camunda__externalTaskPriorityExpression.bpmn20.xml", "camunda ExternalTaskServiceTest.testFetchWithPriorityExpression (the path; priorities are not modelled)")]
    public async Task Two_external_tasks_on_one_topic_both_run()
    {
        var worker = new ScriptedHandler("externalTaskTopic");
        var run = await ModelRun.PublishAsync("camunda__externalTaskPriorityExpression.bpmn20.xml", worker);
        var instance = await run.StartAsync("twoExternalTaskWithPriorityProcess", new { priority = 18 });

        Assert.Equal(["externalTaskWithPrio", "externalTaskWithoutPrio"], worker.Calls.Select(c => c.ElementId).Order(StringComparer.Ordinal).ToArray());
        await run.AssertEndedAsync(instance.Id);
    }

    [ConformanceFact("camunda__ExternalTaskParseTest.testParseExternalTaskWithExpressionTopic.bpmn20.xml",
        "camunda ExternalTaskParseTest.testParseExternalTaskWithExpressionTopic")]
    public async Task External_task_topic_written_as_an_expression_names_its_handler_as_written()
    {
        // The handler is bound when publishing, so a topic written as an expression is the handler's name as written.
        var worker = new ScriptedHandler("${topicName}");
        var run = await ModelRun.PublishAsync("camunda__ExternalTaskParseTest.testParseExternalTaskWithExpressionTopic.bpmn20.xml", worker);
        var instance = await run.StartAsync("oneExternalTaskWithExpressionTopicProcess", new { topicName = "testTopicExpression" });

        Assert.Single(worker.Calls);
        await run.AssertEndedAsync(instance.Id);
    }
}
