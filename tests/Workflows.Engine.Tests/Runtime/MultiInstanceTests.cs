using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

public sealed class MultiInstanceTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Committee_vote_closes_once_a_majority_approves(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("committee-vote.bpmn", new { members = new[] { "wang", "li", "zhang" } });
        var votes = await h.OpenTasksAsync(instance.Id);
        Assert.Equal(["li", "wang", "zhang"], votes.Select(t => t.Assignee).Order());
        Assert.All(votes, v => Assert.Equal(v.Assignee, v.LocalVariables!["member"]!.GetValue<string>()));

        await Vote(h, votes, "wang", "approve");
        Assert.Equal(2, (await h.OpenTasksAsync(instance.Id)).Count);
        await Vote(h, votes, "li", "approve");

        // Two of three approve: the vote closes, zhang's ballot is withdrawn, the chair signs.
        var zhang = votes.Single(v => v.Assignee == "zhang");
        Assert.Equal(UserTaskStatus.Cancelled, (await h.Store.GetTaskAsync(zhang.Id))!.Status);
        await h.TaskAsync(instance.Id, "sign");
        var collected = (JsonArray)(await h.VariableAsync(instance.Id, "votes"))!;
        Assert.Equal(3, collected.Count);
        Assert.Equal("approve", collected.OfType<JsonObject>().First()["vote"]!.GetValue<string>());
        Assert.Contains(collected, v => v is null);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Boundary_timer_on_a_multi_instance_call_activity_escalates_the_whole_activity_once(string store)
    {
        var h = await HarnessAsync(store);
        var round = await h.StartAsync("multi-instance-call-escalation.bpmn", new { reviewers = new[] { "wang", "li" } });
        var reviews = (await h.Store.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = round.Id })).ToList();
        Assert.Equal(2, reviews.Count);
        // The timer belongs to the token that runs the activity, not to each called item.
        Assert.Single(await h.Store.GetBookmarksOfInstanceAsync(round.Id));

        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromHours(1)));

        await h.TaskAsync(round.Id, "escalated");
        Assert.DoesNotContain(await h.OpenTasksAsync(round.Id), t => t.ElementId == "decide");
        foreach (var review in reviews)
            Assert.Equal(InstanceStatus.Cancelled, (await h.InstanceAsync(review.Id)).Status);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Committee_vote_rejects_when_half_reject(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("committee-vote.bpmn", new { members = new[] { "wang", "li", "zhang", "zhao" } });
        var votes = await h.OpenTasksAsync(instance.Id);
        await Vote(h, votes, "wang", "reject");
        await Vote(h, votes, "li", "approve");
        await Vote(h, votes, "zhang", "reject");

        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Contains(await h.HistoryAsync(instance.Id), e => e.ElementId == "endRejected");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Sequential_multi_instance_runs_one_item_after_another(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("sequential-review.bpmn", new { reviewers = new[] { "a", "b", "c" } });
        foreach (var reviewer in new[] { "a", "b", "c" })
        {
            var task = Assert.Single(await h.OpenTasksAsync(instance.Id));
            Assert.Equal(reviewer, task.Assignee);
            await h.Runtime.CompleteTaskAsync(task.Id, Actor.User(reviewer), null);
        }
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task Empty_collection_skips_the_activity()
    {
        var h = await HarnessAsync("memory");
        var instance = await h.StartAsync("sequential-review.bpmn", new { reviewers = Array.Empty<string>() });
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    private static Task Vote(RuntimeHarness h, IReadOnlyList<UserTaskRecord> votes, string member, string vote) =>
        h.Runtime.CompleteTaskAsync(votes.Single(v => v.Assignee == member).Id, Actor.User(member),
            new JsonObject { ["vote"] = vote, ["reason"] = $"{member} says {vote}" });
}
