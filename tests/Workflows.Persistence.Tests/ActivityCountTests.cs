using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using Workflows.Testing;

namespace Workflows.Persistence.Tests;

/// <summary>IWorkflowStore.CountActivitiesAsync: per element, what waits in the running instances of a process (the cockpit's diagram counts).</summary>
public sealed class ActivityCountTests
{
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Counts_are_grouped_per_element_over_running_instances_of_the_chosen_version(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await CountsAreGroupedPerElement(db.CreateStore());
    }

    [Fact]
    public Task The_memory_store_counts_as_the_databases_do() => CountsAreGroupedPerElement(new InMemoryWorkflowStore());

    private static async Task CountsAreGroupedPerElement(IWorkflowStore store)
    {
        var changes = new StepChanges();
        var now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        Guid Instance(int version, InstanceStatus status, string processId = "p")
        {
            var id = Guid.NewGuid();
            changes.InsertedInstances.Add(new ProcessInstance
            {
                Id = id, DefinitionId = $"{processId}:{version}", ProcessId = processId, DefinitionVersion = version, Status = status, StartedAt = now,
                State = new InstanceState(),
            });
            return id;
        }
        void Task(Guid instance, string element, UserTaskStatus status = UserTaskStatus.Created) => changes.InsertedTasks.Add(new UserTaskRecord
        {
            Id = Guid.NewGuid(), InstanceId = instance, TokenId = "t" + changes.InsertedTasks.Count, ElementId = element, ProcessId = "p",
            Status = status, CreatedAt = now,
        });
        void Bookmark(Guid instance, string token, string element, BookmarkKind kind) => changes.InsertedBookmarks.Add(new Bookmark
        {
            Id = Guid.NewGuid(), InstanceId = instance, TokenId = token, ElementId = element, Kind = kind, CreatedAt = now,
            DueAt = kind == BookmarkKind.Message ? null : now.AddDays(1), MessageName = kind == BookmarkKind.Message ? "m" : null,
        });
        void Incident(Guid instance, string element, bool open = true) => changes.InsertedIncidents.Add(new Incident
        {
            Id = Guid.NewGuid(), InstanceId = instance, TokenId = "t9", ElementId = element, Message = "failed", CreatedAt = now,
            ResolvedAt = open ? null : now,
        });

        var a = Instance(1, InstanceStatus.Running);
        var b = Instance(1, InstanceStatus.Running);
        var c = Instance(2, InstanceStatus.Running);
        var done = Instance(1, InstanceStatus.Completed);
        var other = Instance(1, InstanceStatus.Running, "q");
        Task(a, "review");
        Task(b, "review");
        Task(b, "review", UserTaskStatus.Completed);
        Task(c, "review");
        Task(done, "review");
        Task(other, "review");
        Bookmark(a, "t1", "wait", BookmarkKind.Timer);
        Bookmark(a, "t1", "wait", BookmarkKind.Message); // one token, two subscriptions: one wait
        Bookmark(b, "t2", "wait", BookmarkKind.Timer);
        Bookmark(a, "t3", "review", BookmarkKind.Reminder); // a reminder holds no token
        Bookmark(c, "t4", "charge", BookmarkKind.Retry);
        Incident(a, "charge");
        Incident(b, "charge", open: false);
        Incident(c, "charge");
        Incident(done, "charge");
        await store.CommitAsync(changes);

        var v1 = await store.CountActivitiesAsync("p", 1);
        Assert.Equal(
        [
            new ElementActivityCount("charge", 0, 0, 1),
            new ElementActivityCount("review", 2, 0, 0),
            new ElementActivityCount("wait", 0, 2, 0),
        ], v1);

        var all = await store.CountActivitiesAsync("p");
        Assert.Equal(
        [
            new ElementActivityCount("charge", 0, 1, 2),
            new ElementActivityCount("review", 3, 0, 0),
            new ElementActivityCount("wait", 0, 2, 0),
        ], all);
        Assert.Equal(3, all[0].Active);
        Assert.Empty(await store.CountActivitiesAsync("p", 3));
        Assert.Empty(await store.CountActivitiesAsync("none"));
    }
}
