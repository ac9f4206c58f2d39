using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>Models that would run away (endless calls, a variable doubling in a loop) end in an incident, bounded.</summary>
public sealed class RuntimeLimitTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Process_calling_itself_stops_at_the_call_depth_limit_with_an_incident(string store)
    {
        var h = await HarnessAsync(store, new WorkflowRuntimeOptions { MaxCallDepth = 4 });
        var root = await h.StartAsync("self-call.bpmn");

        var instances = await h.Store.QueryInstancesAsync(new() { ProcessId = "recursive" });
        Assert.Equal(5, instances.Count); // the root and four levels of calls
        Assert.All(instances, i => Assert.Equal(InstanceStatus.Running, i.Status));
        var deepest = Assert.Single(instances, i => i.OpenIncidents == 1);
        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(deepest.Id));
        Assert.Equal("again", incident.ElementId);
        Assert.Contains("MaxCallDepth", incident.Message);
        Assert.Equal(4, deepest.State.CallDepth);
        Assert.Equal(root.Id, deepest.RootInstanceId);
    }

    [Fact]
    public async Task Two_processes_calling_each_other_stop_at_the_default_depth()
    {
        var h = await HarnessAsync("memory");
        await h.StartAsync("mutual-call.bpmn");

        var all = (await h.Store.QueryInstancesAsync(new() { Take = 1000 })).ToList();
        Assert.Equal(new WorkflowRuntimeOptions().MaxCallDepth + 1, all.Count);
        Assert.Single(all, i => i.OpenIncidents == 1);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Variable_doubled_in_a_loop_becomes_an_incident_at_the_size_limit(string store)
    {
        var h = await HarnessAsync(store, new WorkflowRuntimeOptions { MaxVariableBytes = 4096 });
        var instance = await h.StartAsync("growing-variable.bpmn", new { s = "ab" });

        var stuck = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Running, stuck.Status);
        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("double", incident.ElementId);
        Assert.Contains("MaxVariableBytes", incident.Message);
        // The last value kept is the biggest under the limit: 2 chars doubled ten times is 2,048.
        Assert.Equal(2048, stuck.State.Variables["s"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task Default_variable_limit_stops_the_doubling_loop_in_bounded_memory()
    {
        var h = await HarnessAsync("memory");
        var instance = await h.StartAsync("growing-variable.bpmn", new { s = "x" });

        // Whichever default trips first (the expression's text limit or the variable's size), the loop ends in an
        // incident at the doubling task with the value kept under a megabyte.
        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("double", incident.ElementId);
        Assert.True((await h.InstanceAsync(instance.Id)).State.Variables["s"]!.GetValue<string>().Length <= 1024 * 1024);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Oversized_value_from_a_task_form_is_refused_and_the_task_stays_open(string store)
    {
        var h = await HarnessAsync(store, new WorkflowRuntimeOptions { MaxVariableBytes = 1000 });
        var instance = await h.StartAsync("single-task.bpmn");
        var task = (await h.OpenTasksAsync(instance.Id)).Single();

        var refused = await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() => h.Runtime.CompleteTaskAsync(task.Id,
            new Actor("admin", [], IsAdministrator: true), new JsonObject { ["notes"] = new string('x', 2000) }));
        Assert.Contains("notes", refused.Message);
        Assert.Single(await h.OpenTasksAsync(instance.Id));

        await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() => h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = instance.ProcessId, Variables = new JsonObject { ["blob"] = new string('y', 5000) },
        }));
    }
}
