using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>A file as Camunda Modeler writes it (diagram, camunda: attributes) runs as it is.</summary>
public sealed class ModelerFileTests : RuntimeTestBase
{
    private static string ModelerFile() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bpmn", "Parsing", "camunda-modeler-approval.bpmn"));

    private static async Task<ProcessInstance> StartAsync(RuntimeHarness h)
    {
        await h.Runtime.PublishAsync(ModelerFile(), "test");
        return await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "TransferApproval", BusinessKey = "INV-2026-001",
            Variables = new JsonObject { ["committee"] = new JsonArray("wang", "li", "zhang") },
        });
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Modeler_file_runs_to_the_end_through_gateways_join_and_vote(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await StartAsync(h);

        await h.CompleteAsync(instance.Id, "Activity_Screen", new { decision = "transfer" });
        Assert.Equal(["Activity_Legal", "Activity_Market"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());
        await h.CompleteAsync(instance.Id, "Activity_Legal");
        await h.CompleteAsync(instance.Id, "Activity_Market");

        var ballots = await h.OpenTasksAsync(instance.Id);
        Assert.Equal(3, ballots.Count);
        await h.Runtime.CompleteTaskAsync(ballots[0].Id, Actor.User(ballots[0].Assignee!), null);
        await h.Runtime.CompleteTaskAsync(ballots[1].Id, Actor.User(ballots[1].Assignee!), null);

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.ActivityLeft && e.ElementId == "Event_Approved");
        Assert.Empty(await h.Store.GetBookmarksOfInstanceAsync(instance.Id));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Modeler_file_escalates_an_overdue_screening(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await StartAsync(h);

        await h.AdvanceAsync(TimeSpan.FromDays(5));
        var escalated = await h.TaskAsync(instance.Id, "Activity_Escalated");
        Assert.Equal("office-head", escalated.Assignee);
        await h.CompleteAsync(instance.Id, "Activity_Escalated", new { decision = "keep" });
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ElementId == "Event_Rejected");
    }
}
