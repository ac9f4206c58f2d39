using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>camunda:inputOutput as Camunda 7 runs it: inputs are the activity's locals, outputs see them.</summary>
public sealed class IoMappingTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Output_mapping_sees_its_own_activity_input_mapping(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("io-mappings.bpmn", new { title = "Battery anode", processVar = "value" });

        // The user task's input is local to it: visible to the task, not a process variable.
        var review = await h.TaskAsync(instance.Id, "review");
        Assert.Equal("Battery anode", review.LocalVariables!["draft"]!.GetValue<string>());
        Assert.Null(await h.VariableAsync(instance.Id, "draft"));
        await h.CompleteAsync(instance.Id, "review");
        Assert.Equal("Battery anode", (await h.VariableAsync(instance.Id, "reviewed"))!.GetValue<string>());

        // InputOutputTest.testSubprocessIoSupport: the sub-process's output reads its input's local.
        await h.CompleteAsync(instance.Id, "subTask");
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("value", done.State.Variables["outerVar"]!.GetValue<string>());
        Assert.False(done.State.Variables.ContainsKey("innerVar"));
        Assert.False(done.State.Variables.ContainsKey("draft"));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Completing_a_task_with_the_name_of_its_local_updates_the_local(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("io-mappings.bpmn", new { title = "Draft title", processVar = "v" });

        await h.CompleteAsync(instance.Id, "review", new { draft = "Edited title" });

        Assert.Equal("Edited title", (await h.VariableAsync(instance.Id, "reviewed"))!.GetValue<string>());
        Assert.Null(await h.VariableAsync(instance.Id, "draft"));
        Assert.Equal("Draft title", (await h.VariableAsync(instance.Id, "title"))!.GetValue<string>());
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Condition_on_an_unset_variable_is_false_and_its_negation_true(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("unset-condition.bpmn");

        await h.TaskAsync(instance.Id, "rejectedTask");
        Assert.Empty(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal(0, (await h.InstanceAsync(instance.Id)).OpenIncidents);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Mappings_apply_on_call_activities_catch_events_and_boundary_events(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("io-everywhere.bpmn", new { basePrice = 100 });

        // The call activity's input is its local: passed in by camunda:in, not a process variable.
        var child = Assert.Single(await h.Store.QueryInstancesAsync(new() { ProcessId = "ioPricing" }));
        Assert.Equal(200, child.State.Variables["limit"]!.GetValue<decimal>());
        Assert.Null(await h.VariableAsync(instance.Id, "ceiling"));
        await h.CompleteAsync(child.Id, "negotiate", new { price = 150 });

        // Its output sees both its local and what camunda:out brought back.
        Assert.Equal(50, (await h.VariableAsync(instance.Id, "margin"))!.GetValue<decimal>());
        Assert.Equal(150, (await h.VariableAsync(instance.Id, "agreedPrice"))!.GetValue<decimal>());
        Assert.Null(await h.VariableAsync(instance.Id, "ceiling"));

        // The catch event's input sets its own timer; its output runs when it fires.
        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromDays(2)));
        Assert.Equal("P2D", (await h.VariableAsync(instance.Id, "waited"))!.GetValue<string>());
        Assert.Null(await h.VariableAsync(instance.Id, "wait"));

        // The boundary event's output runs when it fires.
        await h.AdvanceAsync(TimeSpan.FromDays(5));
        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal("late", done.State.Variables["escalatedAt"]!.GetValue<string>());
    }
}
