using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

public sealed class TaskLifecycleTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Two_completions_of_the_same_task_one_wins_the_other_gets_a_conflict(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn");
        var task = await h.TaskAsync(instance.Id, "review");

        var attempts = Enumerable.Range(0, 2).Select(i => Task.Run(() =>
            h.Runtime.CompleteTaskAsync(task.Id, Actor.User($"user{i}", "tech-manager"), new() { ["by"] = $"user{i}" }))).ToArray();
        var outcomes = await Task.WhenAll(attempts.Select(async a =>
        {
            try { await a; return "ok"; }
            catch (ConcurrencyConflictException) { return "conflict"; }
        }));

        Assert.Equal(["conflict", "ok"], outcomes.Order());
        var history = await h.HistoryAsync(instance.Id);
        Assert.Single(history, e => e.Event == HistoryEventType.TaskCompleted);
        Assert.Single(history, e => e.Event == HistoryEventType.InstanceCompleted);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Claim_delegate_resolve_and_complete(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn");
        var task = await h.TaskAsync(instance.Id, "review");
        var mary = Actor.User("mary", "tech-manager");
        var john = Actor.User("john", "tech-manager");

        await h.Runtime.ClaimTaskAsync(task.Id, mary);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => h.Runtime.ClaimTaskAsync(task.Id, john));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.CompleteTaskAsync(task.Id, john, null));

        await h.Runtime.DelegateTaskAsync(task.Id, mary, "expert");
        var delegated = (await h.Store.GetTaskAsync(task.Id))!;
        Assert.Equal(UserTaskStatus.Delegated, delegated.Status);
        Assert.Equal(("expert", "mary"), (delegated.Assignee, delegated.Owner));
        await Assert.ThrowsAsync<InvalidOperationWorkflowException>(() => h.Runtime.CompleteTaskAsync(task.Id, Actor.User("expert"), null));

        await h.Runtime.ResolveTaskAsync(task.Id, Actor.User("expert"), new() { ["opinion"] = "novel" });
        var back = (await h.Store.GetTaskAsync(task.Id))!;
        Assert.Equal(("mary", UserTaskStatus.Claimed), (back.Assignee, back.Status));

        await h.Runtime.CompleteTaskAsync(task.Id, mary, null);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
        Assert.Equal("novel", (await h.InstanceAsync(instance.Id)).State.Variables["opinion"]!.GetValue<string>());
        var events = (await h.HistoryAsync(instance.Id)).Select(e => e.Event).ToList();
        Assert.Contains(HistoryEventType.TaskClaimed, events);
        Assert.Contains(HistoryEventType.TaskDelegated, events);
        Assert.Contains(HistoryEventType.TaskResolved, events);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Inbox_lists_tasks_for_the_user_and_their_groups(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn");
        var inbox = await h.Store.QueryTasksAsync(new() { ActionableBy = "mary", CandidateGroups = ["tech-manager"] });
        Assert.Single(inbox);
        Assert.Empty(await h.Store.QueryTasksAsync(new() { ActionableBy = "inventor", CandidateGroups = ["inventor"] }));

        await h.Runtime.ClaimTaskAsync(inbox[0].Id, Actor.User("mary", "tech-manager"));
        Assert.Empty(await h.Store.QueryTasksAsync(new() { ActionableBy = "john", CandidateGroups = ["tech-manager"] }));
        Assert.Single(await h.Store.QueryTasksAsync(new() { ActionableBy = "mary", CandidateGroups = ["tech-manager"] }));
        _ = instance;
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Many_rapid_completions_leave_no_task_or_bookmark_behind(string store)
    {
        var h = await HarnessAsync(store);
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++) ids.Add((await h.StartAsync("parallel.bpmn")).Id);

        // Both branches of every instance completed at once, in parallel: joins must not lose or double a token.
        var tasks = new List<UserTaskRecord>();
        foreach (var id in ids) tasks.AddRange(await h.OpenTasksAsync(id));
        await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (t, ct) => await h.Runtime.CompleteTaskAsync(t.Id, Actor.User("m", "tech-manager"), null, ct));

        foreach (var id in ids)
        {
            Assert.Equal(["decide"], (await h.OpenTasksAsync(id)).Select(t => t.ElementId));
            Assert.Single((await h.InstanceAsync(id)).State.Tokens);
        }
    }
}
