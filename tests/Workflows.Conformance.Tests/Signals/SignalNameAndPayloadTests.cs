namespace Workflows.Conformance.Tests.Signals;

/// <summary>Signal names with expressions (Camunda's SignalEventExpressionNameTest) and what a throw sends along
/// (SignalEventPayloadTest); models of ours written after theirs.</summary>
public sealed class SignalNameAndPayloadTests
{
    [OwnModelFact("camunda SignalEventExpressionNameTest.testSignalCatchIntermediateActsOnEventReceive", "Signals/expression-name-catch.bpmn")]
    public async Task Catch_subscribes_to_the_name_its_expression_gives()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/expression-name-catch.bpmn");
        var instance = await run.StartAsync("catchSignal", new { var = "TestVar" });
        Assert.Equal(1, await run.SignalSubscriptionsAsync("alert-TestVar"));

        await run.SignalAsync("alert-TestVar");

        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert-TestVar"));
        await run.AssertEndedAsync(instance.Id);
    }

    [OwnModelFact("camunda SignalEventExpressionNameTest.testSignalThrowCatchIntermediate",
        "Signals/expression-name-catch.bpmn", "Signals/expression-name-throw.bpmn")]
    public async Task Throw_and_catch_meet_on_the_name_their_expressions_give()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/expression-name-catch.bpmn", "Signals/expression-name-throw.bpmn");
        await run.StartAsync("catchSignal", new { var = "TestVar" });

        await run.StartAsync("throwSignal", new { var = "TestVar" });

        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert-${var}"));
        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert-TestVar"));
        Assert.Equal(0, await run.RunningCountAsync());
    }

    [OwnModelFact("camunda SignalEventExpressionNameTest.testSignalThrowEndCatchIntermediate",
        "Signals/expression-name-catch.bpmn", "Signals/expression-name-throw-end.bpmn")]
    public async Task Signal_end_event_throws_the_name_its_expression_gives()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/expression-name-catch.bpmn", "Signals/expression-name-throw-end.bpmn");
        await run.StartAsync("catchSignal", new { var = "TestVar" });

        await run.StartAsync("throwEndSignal", new { var = "TestVar" });

        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert-TestVar"));
        Assert.Equal(0, await run.RunningCountAsync());
    }

    [OwnModelFact("camunda SignalEventExpressionNameTest.testSignalCatchBoundary",
        "Signals/expression-name-boundary.bpmn", "Signals/expression-name-throw.bpmn")]
    public async Task Boundary_subscribes_to_the_name_its_expression_gives()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/expression-name-boundary.bpmn", "Signals/expression-name-throw.bpmn");
        await run.StartAsync("catchSignal", new { var = "TestVar" });
        Assert.Equal(1, await run.SignalSubscriptionsAsync("alert-TestVar"));

        await run.StartAsync("throwSignal", new { var = "TestVar" });

        Assert.Equal(0, await run.SignalSubscriptionsAsync("alert-TestVar"));
        Assert.Equal(0, await run.RunningCountAsync());
    }

    [OwnModelFact("camunda SignalEventPayloadTest.testSignalPayloadIntermediate",
        "Signals/payload-throw.bpmn", "Signals/payload-catch-intermediate.bpmn")]
    public async Task Throw_sends_its_mapped_values_to_the_catching_instance()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/payload-throw.bpmn", "Signals/payload-catch-intermediate.bpmn");
        var catching = await run.StartAsync("catchIntermediatePayloadSignal");

        await run.StartAsync("throwPayloadSignal", new { payloadVar1 = "payloadVal1", payloadVar2 = "payloadVal2" });

        await AssertVariablesAsync(run, catching.Id, ("payloadVar1Target", "payloadVal1"), ("payloadVar2Target", "payloadVal2"));
    }

    [OwnModelFact("camunda SignalEventPayloadTest.testSignalPayloadStart", "Signals/payload-throw.bpmn", "Signals/payload-catch-start.bpmn")]
    public async Task Throw_sends_its_mapped_values_to_the_instance_it_starts()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/payload-throw.bpmn", "Signals/payload-catch-start.bpmn");

        await run.StartAsync("throwPayloadSignal", new { payloadVar1 = "payloadVal1", payloadVar2 = "payloadVal2" });

        var task = Assert.Single(await run.OpenTasksAsync());
        await AssertVariablesAsync(run, task.InstanceId, ("payloadVar1Target", "payloadVal1"), ("payloadVar2Target", "payloadVal2"));
    }

    [OwnModelFact("camunda SignalEventPayloadTest.testSignalAllSourceVariablesPayload",
        "Signals/payload-throw-all-variables.bpmn", "Signals/payload-catch-intermediate.bpmn")]
    public async Task Throw_can_send_every_variable()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/payload-throw-all-variables.bpmn", "Signals/payload-catch-intermediate.bpmn");
        var catching = await run.StartAsync("catchIntermediatePayloadSignal");

        await run.StartAsync("throwPayloadSignal", new { payloadVar1 = "payloadVal1", payloadVar2 = "payloadVal2" });

        await AssertVariablesAsync(run, catching.Id, ("payloadVar1", "payloadVal1"), ("payloadVar2", "payloadVal2"));
    }

    [OwnModelFact("camunda SignalEventPayloadTest.testSignalAllLocalSourceVariablesPayload",
        "Signals/payload-throw-end-local-variables.bpmn", "Signals/payload-catch-intermediate.bpmn")]
    public async Task Signal_end_event_can_send_only_its_own_local_variables()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/payload-throw-end-local-variables.bpmn", "Signals/payload-catch-intermediate.bpmn");
        var catching = await run.StartAsync("catchIntermediatePayloadSignal");

        await run.StartAsync("throwPayloadSignal", new { payloadVar1 = "payloadVal1" });

        await AssertVariablesAsync(run, catching.Id, ("localVar1", "localVal1"), ("localVar2", "localVal2"));
    }

    [OwnModelFact("camunda SignalEventPayloadTest.testSignalPayloadWithAllOptions",
        "Signals/payload-throw-all-options.bpmn", "Signals/payload-catch-start.bpmn")]
    public async Task Throw_sends_business_key_locals_and_mapped_values_to_the_instance_it_starts()
    {
        var run = await ModelRun.PublishOwnAsync("Signals/payload-throw-all-options.bpmn", "Signals/payload-catch-start.bpmn");

        await run.StartAsync("throwCompletePayloadSignal", new { payloadVar1 = "payloadVar1", payloadVar2 = "payloadVal2" }, businessKey: "aBusinessKey");

        var task = Assert.Single(await run.OpenTasksAsync());
        Assert.Equal("aBusinessKey", (await run.InstanceAsync(task.InstanceId)).BusinessKey);
        await AssertVariablesAsync(run, task.InstanceId, ("localVar1", "localVal1"), ("localVar2", "localVal2"),
            ("payloadVar1Target", "payloadVar1"), ("payloadVar2Target", "payloadVal2Source"));
    }

    /// <summary>The instance holds exactly these variables (Camunda's variable instance query of the catching instance).</summary>
    private static async Task AssertVariablesAsync(ModelRun run, Guid instanceId, params (string Name, string Value)[] expected)
    {
        var variables = (await run.InstanceAsync(instanceId)).State.Variables;
        Assert.Equal(expected.Select(e => e.Name).Order(), variables.Select(v => v.Key).Order());
        foreach (var (name, value) in expected) Assert.Equal(value, variables[name]!.GetValue<string>());
    }
}
