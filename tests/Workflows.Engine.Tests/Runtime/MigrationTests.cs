using System.Text.Json;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Migrating running instances of "migration" from version 1 to version 2, where the review task was renamed
/// to "assess", its 10-day escalation replaced by a 14-day one ("overdue" -> "late"), and an approval added at the end.
/// </summary>
public sealed class MigrationTests : RuntimeTestBase
{
    private static readonly Actor Admin = new("admin", ["workflow-administrator"], IsAdministrator: true);
    private static readonly Dictionary<string, string> Mapping = new() { ["review"] = "assess", ["overdue"] = "late" };

    /// <summary>An instance on version 1 waiting at review (claimed by alice, 3 days in) and at the documents message; then version 2 published.</summary>
    private static async Task<(RuntimeHarness H, ProcessInstance Instance, UserTaskRecord Review)> WaitingOnVersion1Async(RuntimeTestBase test, Func<string, Task<RuntimeHarness>> harness, string store)
    {
        var h = await harness(store);
        var instance = await h.StartAsync("migration-v1.bpmn", new { title = "Sensor" }, businessKey: "INV-1");
        await h.CompleteAsync(instance.Id, "prepare");
        var review = await h.TaskAsync(instance.Id, "review");
        await h.Runtime.ClaimTaskAsync(review.Id, Actor.User("alice", "tech-manager"));
        await h.AdvanceAsync(TimeSpan.FromDays(3));
        Assert.Equal(2, (await h.Runtime.PublishAsync(RuntimeHarness.Fixture("migration-v2.bpmn"), "test"))[0].Version);
        return (h, instance, (await h.Store.GetTaskAsync(review.Id))!);
    }

    private MigrationRequest Request(Dictionary<string, string>? mapping = null, params Guid[] ids) => new()
    {
        ProcessId = "migration", TargetVersion = 2, Mapping = mapping, InstanceIds = ids.Length == 0 ? null : ids,
    };

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task New_instances_start_on_the_new_version_while_running_ones_stay(string store)
    {
        var (h, old, _) = await WaitingOnVersion1Async(this, s => HarnessAsync(s), store);
        var fresh = await h.Runtime.StartAsync(new StartRequest { ProcessId = "migration" });
        Assert.Equal(2, fresh.DefinitionVersion);
        Assert.Equal(1, (await h.InstanceAsync(old.Id)).DefinitionVersion);
        var counts = await h.Store.CountInstancesPerVersionAsync("migration");
        Assert.Equal([(1, 1), (2, 1)], counts.Select(c => (c.Version, c.Running)).ToArray());
        Assert.Equal(1, await h.Store.CountInstancesAsync(new() { ProcessId = "migration", DefinitionVersion = 1 }));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_migration_tells_the_host_which_versions_and_content_hashes_the_instance_moved_between_and_a_plan_tells_nobody(string store)
    {
        var (h, instance, _) = await WaitingOnVersion1Async(this, s => HarnessAsync(s), store);
        await h.Runtime.PlanMigrationAsync(Request(Mapping, instance.Id));
        await h.Runtime.MigrateInstancesAsync(Request(Mapping, instance.Id), Admin);

        var now = h.Clock.GetUtcNow();
        var message = Assert.Single(await h.Store.ClaimOutboxAsync(now, now + TimeSpan.FromMinutes(1), 100), m => m.Kind == OutboxKinds.InstanceMigrated);
        var migrated = JsonSerializer.Deserialize<InstanceMigratedEvent>(message.Payload, Workflows.Engine.Runtime.EngineJson.Options)!;
        var v1 = (await h.Store.GetDefinitionAsync("migration:1"))!;
        var v2 = (await h.Store.GetDefinitionAsync("migration:2"))!;
        Assert.Equal(new DefinitionRef("migration:1", "migration", 1, v1.ContentHash), migrated.From);
        Assert.Equal(new DefinitionRef("migration:2", "migration", 2, v2.ContentHash), migrated.To);
        Assert.NotEqual(v1.ContentHash, v2.ContentHash);
        Assert.Equal((instance.Id, "INV-1", "admin"), (migrated.InstanceId, migrated.BusinessKey, migrated.Actor));
        Assert.Equal("assess", migrated.Mapping["review"]);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Migration_without_a_needed_mapping_is_refused_and_changes_nothing(string store)
    {
        var (h, instance, review) = await WaitingOnVersion1Async(this, s => HarnessAsync(s), store);
        var before = await h.InstanceAsync(instance.Id);
        var bookmarksBefore = (await h.Store.GetBookmarksOfInstanceAsync(instance.Id)).Select(b => b.Id).OrderBy(i => i).ToList();

        var refused = await Assert.ThrowsAsync<MigrationRefusedException>(() => h.Runtime.MigrateInstancesAsync(Request(), Admin));
        var missing = refused.Problems.Where(p => p.Code == MigrationProblemCodes.MissingMapping).Select(p => p.ElementId).Distinct().Order().ToList();
        Assert.Equal(["overdue", "review"], missing);
        Assert.All(refused.Problems, p => Assert.Equal(instance.Id, p.InstanceId));

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(1, after.DefinitionVersion);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal("review", (await h.Store.GetTaskAsync(review.Id))!.ElementId);
        Assert.Equal(bookmarksBefore, (await h.Store.GetBookmarksOfInstanceAsync(instance.Id)).Select(b => b.Id).OrderBy(i => i).ToList());
        Assert.DoesNotContain(await h.HistoryAsync(instance.Id), e => e.Event == HistoryEventType.InstanceMigrated);
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_waiting_instance_moves_with_its_mapping_and_reruns_nothing(string store)
    {
        var (h, instance, review) = await WaitingOnVersion1Async(this, s => HarnessAsync(s), store);
        var historyBefore = (await h.HistoryAsync(instance.Id)).Count;

        var plan = await h.Runtime.MigrateInstancesAsync(Request(Mapping), Admin);
        Assert.True(plan.CanMigrate);
        var moved = Assert.Single(plan.Instances);
        Assert.Contains(moved.Moves, m => m is { What: "token", SourceElementId: "review", TargetElementId: "assess" } && m.TaskId == review.Id);
        Assert.Contains(moved.Moves, m => m is { What: "token", SourceElementId: "docs", TargetElementId: "docs", Wait: "message" });

        var after = await h.InstanceAsync(instance.Id);
        Assert.Equal(2, after.DefinitionVersion);
        Assert.Equal("migration:2", after.DefinitionId);
        Assert.Equal("Sensor", after.State.Variables["title"]!.GetValue<string>());

        // The task is the same task: id, assignee, due date, creation; only its element, name and form follow version 2.
        var task = await h.TaskAsync(instance.Id, "assess");
        Assert.Equal(review.Id, task.Id);
        Assert.Equal("alice", task.Assignee);
        Assert.Equal(review.DueAt, task.DueAt);
        Assert.Equal(review.CreatedAt, task.CreatedAt);
        Assert.Equal("Assess", task.Name);
        Assert.Equal("assess-v2", task.FormKey);

        // Timers follow version 2 counted from when the task was created; the message subscription stays open.
        var bookmarks = await h.Store.GetBookmarksOfInstanceAsync(instance.Id);
        var late = Assert.Single(bookmarks, b => b.Kind == BookmarkKind.Timer);
        Assert.Equal("late", late.ElementId);
        Assert.Equal(review.CreatedAt + TimeSpan.FromDays(14), late.DueAt);
        Assert.Single(bookmarks, b => b is { Kind: BookmarkKind.Message, ElementId: "docs", MessageName: "documents-received", CorrelationKey: "INV-1" });

        // Nothing ran again: one new history line, the migration, naming both versions.
        var history = await h.HistoryAsync(instance.Id);
        Assert.Equal(historyBefore + 1, history.Count);
        var entry = Assert.Single(history, e => e.Event == HistoryEventType.InstanceMigrated);
        Assert.Equal("admin", entry.Actor);
        using (var data = JsonDocument.Parse(entry.Data!))
        {
            Assert.Equal("migration:1", data.RootElement.GetProperty("from").GetString());
            Assert.Equal("migration:2", data.RootElement.GetProperty("to").GetString());
        }
        Assert.Single(history, e => e.Event == HistoryEventType.TaskCreated && e.ElementId == "prepare");

        // Version 1 would escalate after 10 days; version 2 after 14.
        await h.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal(["assess"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).ToArray());
        await h.AdvanceAsync(TimeSpan.FromDays(4));
        Assert.Equal(["escalate"], (await h.OpenTasksAsync(instance.Id)).Select(t => t.ElementId).ToArray());

        // And it goes on along version 2: the approval exists only there.
        await h.CompleteAsync(instance.Id, "escalate");
        Assert.Equal(1, await h.Runtime.CorrelateMessageAsync("documents-received", "INV-1", null));
        await h.TaskAsync(instance.Id, "approve");
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_plan_reports_what_would_move_and_changes_nothing(string store)
    {
        var (h, instance, _) = await WaitingOnVersion1Async(this, s => HarnessAsync(s), store);
        var plan = await h.Runtime.PlanMigrationAsync(Request(Mapping));
        var one = Assert.Single(plan.Instances);
        Assert.Equal(instance.Id, one.InstanceId);
        Assert.Equal(1, one.SourceVersion);
        Assert.Empty(one.Problems);
        Assert.Contains(one.Moves, m => m is { What: "timer", SourceElementId: "overdue", TargetElementId: "late" });
        Assert.Equal(1, (await h.InstanceAsync(instance.Id)).DefinitionVersion);
        await h.TaskAsync(instance.Id, "review");
        Assert.Single(await h.Store.GetBookmarksOfInstanceAsync(instance.Id), b => b is { Kind: BookmarkKind.Timer, ElementId: "overdue" });
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_target_of_another_kind_or_a_name_that_does_not_exist_is_refused(string store)
    {
        var (h, instance, _) = await WaitingOnVersion1Async(this, s => HarnessAsync(s), store);
        var wrongKind = await h.Runtime.PlanMigrationAsync(Request(new() { ["review"] = "docs", ["overdue"] = "late" }));
        Assert.Contains(wrongKind.Problems, p => p.Code == MigrationProblemCodes.IncompatibleTarget && p.ElementId == "review");

        var typo = await h.Runtime.PlanMigrationAsync(Request(new() { ["review"] = "asess", ["overdue"] = "late", ["nowhere"] = "assess" }));
        Assert.Contains(typo.MappingProblems, p => p.Code == MigrationProblemCodes.UnknownTargetElement && p.ElementId == "asess");
        Assert.Contains(typo.MappingProblems, p => p.Code == MigrationProblemCodes.UnknownSourceElement && p.ElementId == "nowhere");
        Assert.False(typo.CanMigrate);

        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.MigrateInstancesAsync(Request(Mapping), Actor.User("bob", "tech-manager")));
        var ended = await h.Runtime.StartAsync(new StartRequest { ProcessId = "migration", Version = 1 });
        await h.Runtime.CancelInstanceAsync(ended.Id, Admin, "test");
        var refused = await h.Runtime.PlanMigrationAsync(Request(Mapping, instance.Id, ended.Id));
        Assert.Contains(refused.Problems, p => p.Code == MigrationProblemCodes.NotRunning && p.InstanceId == ended.Id);
    }
}
