using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

public sealed class ScopeTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Call_activity_maps_variables_in_and_out(string store)
    {
        var h = await HarnessAsync(store);
        var caller = await h.StartAsync("call-activity.bpmn", new { basePrice = 1000, secret = "not passed" }, businessKey: "INV-7");

        var children = await h.Store.QueryInstancesAsync(new() { ProcessId = "pricing" });
        var child = Assert.Single(children);
        Assert.Equal(caller.Id, child.ParentInstanceId);
        Assert.Equal("INV-7", child.BusinessKey);
        Assert.Equal(1000, child.State.Variables["price"]!.GetValue<decimal>());
        Assert.Equal(2000, child.State.Variables["ceiling"]!.GetValue<decimal>());
        Assert.False(child.State.Variables.ContainsKey("secret"));

        await h.CompleteAsync(child.Id, "negotiate", new { agreedPrice = 1500 });

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(child.Id)).Status);
        Assert.Equal(1500, (await h.VariableAsync(caller.Id, "finalPrice"))!.GetValue<decimal>());
        Assert.Null(await h.VariableAsync(caller.Id, "agreedPrice"));
        await h.TaskAsync(caller.Id, "file");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Cancelling_the_caller_cancels_the_called_instance(string store)
    {
        var h = await HarnessAsync(store);
        var caller = await h.StartAsync("call-activity.bpmn", new { basePrice = 10 });
        var child = Assert.Single(await h.Store.QueryInstancesAsync(new() { ProcessId = "pricing" }));

        await h.Runtime.CancelInstanceAsync(caller.Id, Actor.System, "withdrawn");

        Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(caller.Id)).Status);
        Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(child.Id)).Status);
        Assert.Empty(await h.OpenTasksAsync(child.Id));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Business_error_in_a_sub_process_is_caught_by_its_boundary(string store)
    {
        var check = new RecordingHandler("check-patent", _ => throw new BpmnErrorException("PATENT_LAPSED", "fee unpaid"));
        var h = await HarnessAsync(store, check);
        var instance = await h.StartAsync("subprocess-error.bpmn");

        await h.TaskAsync(instance.Id, "fix");
        Assert.Empty((await h.InstanceAsync(instance.Id)).State.Scopes);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.ActivityCancelled && e.ElementId == "filing");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Sub_process_completes_when_its_last_token_ends(string store)
    {
        var check = new RecordingHandler("check-patent", _ => new JsonObject { ["patentStatus"] = "in force" });
        var h = await HarnessAsync(store, check);
        var instance = await h.StartAsync("subprocess-error.bpmn");
        await h.CompleteAsync(instance.Id, "record");

        var ended = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, ended.Status);
        Assert.Equal("in force", ended.State.Variables["patentStatus"]!.GetValue<string>());
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_service_task_handler_is_told_the_published_version_and_content_hash_it_runs_under(string store)
    {
        var handler = new RecordingHandler("registerContract");
        var h = await HarnessAsync(store, handler);
        var instance = await h.StartAsync("service-retry.bpmn");
        var definition = (await h.Store.GetDefinitionAsync(instance.DefinitionId))!;

        var call = Assert.Single(handler.Calls);
        Assert.Equal(new DefinitionRef(definition.Id, "service_retry", 1, definition.ContentHash), call.Definition);
        Assert.Equal(64, call.Definition!.ContentHash.Length);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Failing_service_task_is_retried_then_becomes_an_incident_that_can_be_retried(string store)
    {
        var failures = 0;
        var handler = new RecordingHandler("registerContract", _ =>
        {
            if (failures-- > 0) throw new InvalidOperationException("registry unreachable");
            return new JsonObject { ["registrationNo"] = "TC-2026-001" };
        });
        failures = 3;
        var h = await HarnessAsync(store, handler);
        var instance = await h.StartAsync("service-retry.bpmn");
        Assert.Single(handler.Calls);

        await h.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, handler.Calls.Count);
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, handler.Calls.Count);

        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("register", incident.ElementId);
        Assert.Contains("registry unreachable", incident.Message);
        Assert.Equal(1, (await h.InstanceAsync(instance.Id)).OpenIncidents);
        Assert.Equal(0, await h.AdvanceAsync(TimeSpan.FromHours(1)));
        Assert.Single(await h.NotificationsAsync(NotificationKinds.IncidentRaised));

        await h.Runtime.RetryIncidentAsync(incident.Id, Actor.System);

        Assert.Empty(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("TC-2026-001", (await h.VariableAsync(instance.Id, "registrationNo"))!.GetValue<string>());
        await h.TaskAsync(instance.Id, "done");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Message_correlated_by_business_key_wins_the_event_gateway(string store)
    {
        var h = await HarnessAsync(store);
        var first = await h.StartAsync("messages.bpmn", new { noticeWindow = "P15D" }, businessKey: "INV-1");
        var second = await h.Runtime.StartAsync(new() { ProcessId = "public_notice", BusinessKey = "INV-2",
            Variables = new JsonObject { ["noticeWindow"] = "P15D" } });

        var reached = await h.Runtime.CorrelateMessageAsync("objection", "INV-1", new JsonObject { ["objector"] = "某公司" });

        Assert.Equal(1, reached);
        await h.TaskAsync(first.Id, "investigate");
        Assert.Equal("某公司", (await h.VariableAsync(first.Id, "objector"))!.GetValue<string>());
        Assert.Empty(await h.Store.GetBookmarksOfInstanceAsync(first.Id));
        Assert.Empty(await h.OpenTasksAsync(second.Id));

        await h.AdvanceAsync(TimeSpan.FromDays(15));
        await h.TaskAsync(second.Id, "sign");
        Assert.Single(await h.OpenTasksAsync(first.Id));
    }
}
