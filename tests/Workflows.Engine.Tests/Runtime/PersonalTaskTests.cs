using System.Text.Json;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// <c>wf:personal</c>: a task that is its assignee's own (a committee member's vote, the chair's close). Nobody reassigns,
/// delegates or gives it back, and nobody but its assignee completes it: not another candidate, not an administrator.
/// </summary>
public sealed class PersonalTaskTests : RuntimeTestBase
{
    private static readonly Actor Administrator = new("root", [], IsAdministrator: true);
    private static readonly Actor Wang = Actor.User("wang", "committee");
    private static readonly Actor Li = Actor.User("li", "committee");

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_personal_task_is_not_reassigned_delegated_given_back_or_completed_by_anyone_but_its_assignee(string store)
    {
        var h = await HarnessAsync(store, new RecordingHandler("ballot"));
        var instance = await h.StartAsync("personal-ballot.bpmn", new { members = new[] { "wang", "li" }, chair = "zhang" }, "CASE-1");
        var vote = (await h.OpenTasksAsync(instance.Id)).Single(t => t.Assignee == "wang");
        var before = await h.HistoryAsync(instance.Id);

        foreach (var (who, attempt) in new (string, Func<Task>)[]
                 {
                     ("administrator reassigns to himself", () => h.Runtime.ReassignTaskAsync(vote.Id, Administrator, "root")),
                     ("assignee reassigns to another member", () => h.Runtime.ReassignTaskAsync(vote.Id, Wang, "li")),
                     ("assignee reassigns to nobody", () => h.Runtime.ReassignTaskAsync(vote.Id, Wang, null)),
                     ("assignee delegates", () => h.Runtime.DelegateTaskAsync(vote.Id, Wang, "li")),
                     ("administrator delegates", () => h.Runtime.DelegateTaskAsync(vote.Id, Administrator, "root")),
                     ("assignee gives it back", () => h.Runtime.UnclaimTaskAsync(vote.Id, Wang)),
                     ("administrator gives it back", () => h.Runtime.UnclaimTaskAsync(vote.Id, Administrator)),
                     ("administrator completes it", () => h.Runtime.CompleteTaskAsync(vote.Id, Administrator, new() { ["vote"] = "approve" })),
                     ("another candidate completes it", () => h.Runtime.CompleteTaskAsync(vote.Id, Li, new() { ["vote"] = "approve" })),
                 })
        {
            var refusal = await Record.ExceptionAsync(attempt);
            Assert.True(refusal is ForbiddenException, $"{who}: {refusal?.GetType().Name ?? "accepted"} {refusal?.Message}");
        }

        var unchanged = (await h.Store.GetTaskAsync(vote.Id))!;
        Assert.Equal(("wang", (string?)null, UserTaskStatus.Claimed), (unchanged.Assignee, unchanged.Owner, unchanged.Status));
        Assert.Equal(before.Count, (await h.HistoryAsync(instance.Id)).Count);
        Assert.Empty(await TaskEventsAsync(h));

        await h.Runtime.CompleteTaskAsync(vote.Id, Wang, new() { ["vote"] = "approve" });
        Assert.Equal("wang", (await h.Store.GetTaskAsync(vote.Id))!.CompletedBy);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task An_unassigned_personal_task_is_taken_by_a_candidate_and_then_stays_theirs(string store)
    {
        var h = await HarnessAsync(store, new RecordingHandler("ballot"));
        var instance = await h.StartAsync("personal-unassigned.bpmn");
        var task = await h.TaskAsync(instance.Id, "declare");

        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.ClaimTaskAsync(task.Id, Administrator));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.CompleteTaskAsync(task.Id, Administrator, null));
        await h.Runtime.ClaimTaskAsync(task.Id, Li);
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.UnclaimTaskAsync(task.Id, Li));
        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.CompleteTaskAsync(task.Id, Wang, null));
        await h.Runtime.CompleteTaskAsync(task.Id, Li, null);
        Assert.Equal(InstanceStatus.Completed, (await h.InstanceAsync(instance.Id)).Status);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Reassigning_and_delegating_any_task_tell_the_listeners_who_did_it_and_from_whom_to_whom(string store)
    {
        var h = await HarnessAsync(store);
        var instance = await h.StartAsync("single-task.bpmn", businessKey: "INV-2026-0001");
        var task = await h.TaskAsync(instance.Id, "review");
        var mary = Actor.User("mary", "tech-manager");

        await h.Runtime.ClaimTaskAsync(task.Id, mary);
        await h.Runtime.ReassignTaskAsync(task.Id, Administrator, "john");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.Runtime.DelegateTaskAsync(task.Id, Actor.User("john", "tech-manager"), "expert");

        var events = await TaskEventsAsync(h);
        Assert.Equal(2, events.Count);
        var reassigned = events.Single(e => e.Kind == TaskEventKinds.Reassigned);
        Assert.Equal(("root", "mary", "john", "INV-2026-0001", "review", task.Id),
            (reassigned.Actor, reassigned.From, reassigned.To, reassigned.BusinessKey, reassigned.ElementId, reassigned.TaskId));
        var delegated = events.Single(e => e.Kind == TaskEventKinds.Delegated);
        Assert.Equal(("john", "john", "expert"), (delegated.Actor, delegated.From, delegated.To));
        Assert.Equal(reassigned.At + TimeSpan.FromMinutes(5), delegated.At);
        Assert.NotEqual(reassigned.EventId, delegated.EventId);
    }

    private static async Task<List<TaskEvent>> TaskEventsAsync(RuntimeHarness h) =>
        (await h.Store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 10_000))
        .Where(m => m.Kind == OutboxKinds.TaskEvent)
        .Select(m => JsonSerializer.Deserialize<TaskEvent>(m.Payload, EngineJson.Options)!).ToList();
}
