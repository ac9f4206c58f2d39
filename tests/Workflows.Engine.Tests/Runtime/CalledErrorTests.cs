using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>A BPMN error a called process does not catch goes up to the call activity that called it (Camunda 7).</summary>
public sealed class CalledErrorTests : RuntimeTestBase
{
    private static async Task<(ProcessInstance Root, ProcessInstance Middle, ProcessInstance Pricing)> StartAsync(RuntimeHarness h)
    {
        var root = await h.StartAsync("called-error.bpmn");
        var middle = Assert.Single(await h.Store.QueryInstancesAsync(new() { ProcessId = "errorMiddle" }));
        var pricing = Assert.Single(await h.Store.QueryInstancesAsync(new() { ProcessId = "errorPricing" }));
        return (root, middle, pricing);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Error_end_event_in_a_called_process_reaches_the_error_boundary_two_calls_up(string store)
    {
        var h = await HarnessAsync(store, new RecordingHandler("price-check"));
        var (root, middle, pricing) = await StartAsync(h);

        await h.CompleteAsync(pricing.Id, "price", new { verdict = "reject" });

        await h.TaskAsync(root.Id, "renegotiate");
        Assert.DoesNotContain(await h.OpenTasksAsync(root.Id), t => t.ElementId == "file");
        Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(middle.Id)).Status);
        Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(pricing.Id)).Status);
        Assert.Contains(await h.HistoryAsync(root.Id), e => e.Event == HistoryEventType.ActivityCancelled && e.ElementId == "callMiddle");
        await h.CompleteAsync(root.Id, "renegotiate");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(root.Id)).Status);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Handler_error_in_a_called_process_reaches_the_call_activity_boundary(string store)
    {
        var h = await HarnessAsync(store, new RecordingHandler("price-check", _ => throw new BpmnErrorException("PRICE_REJECTED", "below reserve")));
        var (root, middle, pricing) = await StartAsync(h);

        await h.CompleteAsync(pricing.Id, "price", new { verdict = "check" });

        await h.TaskAsync(root.Id, "renegotiate");
        Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(middle.Id)).Status);
        Assert.Empty(await h.Store.GetOpenIncidentsAsync());
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Error_that_no_caller_catches_ends_its_path_like_a_none_end_event(string store)
    {
        var h = await HarnessAsync(store, new RecordingHandler("price-check"));
        var (root, middle, pricing) = await StartAsync(h);

        await h.CompleteAsync(pricing.Id, "price", new { verdict = "other" });

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(pricing.Id)).Status);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(middle.Id)).Status);
        await h.TaskAsync(root.Id, "file");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Handler_error_that_no_caller_catches_is_an_incident_in_the_called_instance(string store)
    {
        var h = await HarnessAsync(store, new RecordingHandler("price-check", _ => throw new BpmnErrorException("UNKNOWN_CODE")));
        var (root, _, pricing) = await StartAsync(h);

        await h.CompleteAsync(pricing.Id, "price", new { verdict = "check" });

        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync());
        Assert.Equal(pricing.Id, incident.InstanceId);
        Assert.Equal("check", incident.ElementId);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(root.Id)).Status);
    }
}
