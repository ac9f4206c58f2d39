using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>An incident is about an activity: when the token leaves that activity, the incident is resolved.</summary>
public sealed class IncidentResolutionTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Incident_of_a_failed_boundary_timer_is_resolved_when_the_task_completes(string store)
    {
        var check = new RecordingHandler("check");
        var h = await HarnessAsync(store, check);
        var instance = await h.StartAsync("incident-resolution.bpmn", new { reminderAfter = "not a duration" });

        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("badTimer", incident.ElementId);
        Assert.Equal(1, (await h.InstanceAsync(instance.Id)).OpenIncidents);

        await h.CompleteAsync(instance.Id, "review");

        var done = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(0, done.OpenIncidents);
        Assert.Empty(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.NotNull((await h.Store.GetIncidentAsync(incident.Id))!.ResolvedAt);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.IncidentResolved);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Incident_is_resolved_when_an_interrupting_boundary_cancels_its_activity(string store)
    {
        var check = new RecordingHandler("check", _ => throw new InvalidOperationException("registry offline"));
        var h = await HarnessAsync(store, check);
        var instance = await h.StartAsync("incident-resolution.bpmn", new { reminderAfter = "P30D" });
        await h.CompleteAsync(instance.Id, "review");

        var incident = Assert.Single(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal("check", incident.ElementId);

        await h.AdvanceAsync(TimeSpan.FromHours(1));

        await h.TaskAsync(instance.Id, "manual");
        Assert.Empty(await h.Store.GetOpenIncidentsAsync(instance.Id));
        Assert.Equal(0, (await h.InstanceAsync(instance.Id)).OpenIncidents);
        await h.CompleteAsync(instance.Id, "manual");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }
}
