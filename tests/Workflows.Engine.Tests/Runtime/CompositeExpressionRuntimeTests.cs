using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Composite expressions where Camunda evaluates them (task name, assignee, candidates, form key, due date,
/// priority), a sub-process without a start event, and an expression result over the size limit becoming an incident.</summary>
public sealed class CompositeExpressionRuntimeTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Task_attributes_with_expression_parts_are_evaluated_as_text(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("composite-expressions.bpmn",
            new { title = "Patent 42", who = "bob", dept = "it", kind = "review", days = 3, prio = 80, s = "x" });

        var task = await h.TaskAsync(instance.Id, "review");
        Assert.Equal("Review Patent 42", task.Name);
        Assert.Equal("user-bob", task.Assignee);
        Assert.Equal(["office-it", "legal"], task.CandidateGroups);
        Assert.Equal("forms/review.json", task.FormKey);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(3), task.DueAt);
        Assert.Equal(80, task.Priority);

        await h.CompleteAsync(instance.Id, "review");
        // The sub-process has no start event: both tasks without an incoming flow begin it.
        await h.CompleteAsync(instance.Id, "left");
        await h.CompleteAsync(instance.Id, "right");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Equal("xx", (await h.VariableAsync(instance.Id, "s"))!.GetValue<string>());
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_text_over_the_size_limit_is_an_incident_not_an_out_of_memory(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("composite-expressions.bpmn",
            new { title = "t", who = "w", dept = "d", kind = "k", days = 1, prio = 1, s = new string('x', 600_000) });
        await h.CompleteAsync(instance.Id, "review");
        await h.CompleteAsync(instance.Id, "left");
        await h.CompleteAsync(instance.Id, "right");

        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("double", incident.ElementId);
        Assert.Contains("at most 1000000", incident.Message);
        Assert.Equal(600_000, (await h.VariableAsync(instance.Id, "s"))!.GetValue<string>().Length);
    }
}
