using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

public sealed class BasicFlowTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task User_task_waits_then_completion_ends_the_instance(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn", new { title = "发明" }, businessKey: "INV-1");

        var task = await h.TaskAsync(instance.Id, "review");
        Assert.Equal(["tech-manager"], task.CandidateGroups);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(5), task.DueAt);
        Assert.Equal(70, task.Priority);
        Assert.Equal("review-form", task.FormKey);
        Assert.Equal("INV-1", task.BusinessKey);
        Assert.Equal(InstanceStatus.Running, (await h.InstanceAsync(instance.Id)).Status);

        await h.Runtime.CompleteTaskAsync(task.Id, Actor.User("mary", "tech-manager"), new() { ["decision"] = "file" });

        var ended = await h.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Completed, ended.Status);
        Assert.Equal("file", ended.State.Variables["decision"]!.GetValue<string>());
        Assert.Equal("发明", ended.State.Variables["title"]!.GetValue<string>());
        var history = await h.HistoryAsync(instance.Id);
        Assert.Contains(history, e => e.Event == HistoryEventType.TaskCompleted && e.Actor == "mary" && e.Data!.Contains("file"));
        Assert.Equal(HistoryEventType.InstanceStarted, history[0].Event);
        Assert.Equal(HistoryEventType.InstanceCompleted, history[^1].Event);
        Assert.Contains(history, e => e.Event == HistoryEventType.ActivityLeft && e.ElementId == "review");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Task_assignment_is_notified_through_the_outbox(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn");
        var note = Assert.Single(await h.NotificationsAsync(NotificationKinds.TaskAssigned));
        Assert.Equal(instance.Id, note.InstanceId);
        Assert.Equal(["tech-manager"], note.Groups);
        Assert.Equal((await h.TaskAsync(instance.Id, "review")).Id, note.TaskId);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Non_candidate_may_not_complete_a_task(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn");
        var task = await h.TaskAsync(instance.Id, "review");
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.CompleteTaskAsync(task.Id, Actor.User("inventor", "inventor"), null));
        Assert.True((await h.Store.GetTaskAsync(task.Id))!.IsOpen);
    }

    [Theory]
    [InlineData(500000, "large")]
    [InlineData(50000, "medium")]
    [InlineData(10, "small")]
    public async Task Exclusive_gateway_takes_the_first_true_condition_or_the_default(int amount, string expected)
    {
        var h = await HarnessAsync("memory");
        var instance = await h.StartAsync("exclusive.bpmn", new { amount });
        var task = Assert.Single(await h.OpenTasksAsync(instance.Id));
        Assert.Equal(expected, task.ElementId);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Parallel_join_waits_for_both_branches(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("parallel.bpmn");
        Assert.Equal(["legal", "market"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order());

        await h.CompleteAsync(instance.Id, "legal");
        Assert.Equal(["market"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));

        await h.CompleteAsync(instance.Id, "market");
        Assert.Equal(["decide"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
        await h.CompleteAsync(instance.Id, "decide");
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Theory]
    [InlineData(true, true, new[] { "legal", "market" })]
    [InlineData(true, false, new[] { "legal" })]
    [InlineData(false, false, new string[0])]
    public async Task Inclusive_join_waits_only_for_the_branches_taken(bool legal, bool market, string[] branches)
    {
        var h = await HarnessAsync("memory");
        var instance = await h.StartAsync("inclusive.bpmn", new { needsLegal = legal, needsMarket = market });
        var open = (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).Order().ToArray();
        if (branches.Length == 0)
        {
            Assert.Equal(["decide"], open);
            return;
        }
        Assert.Equal(branches, open);
        foreach (var branch in branches)
        {
            Assert.DoesNotContain("decide", (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
            await h.CompleteAsync(instance.Id, branch);
        }
        Assert.Equal(["decide"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Terminate_end_event_cancels_the_other_branches(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("terminate.bpmn");
        var slow = await h.TaskAsync(instance.Id, "slow");
        await h.CompleteAsync(instance.Id, "abort");

        Assert.Equal(InstanceStatus.Terminated, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Equal(UserTaskStatus.Cancelled, (await h.Store.GetTaskAsync(slow.Id))!.Status);
        Assert.Empty(await h.OpenTasksAsync(instance.Id));
    }
}
