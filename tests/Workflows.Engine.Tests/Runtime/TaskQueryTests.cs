using Workflows.Engine.Runtime;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>The inbox queries behave the same on every store: filters, orders (tasks without the date last), counts and pages.</summary>
public sealed class TaskQueryTests : RuntimeTestBase
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Filters_orders_counts_and_pages_agree_across_stores(string store)
    {
        var h = await HarnessAsync(store);
        var keys = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            await h.StartAsync("single-task.bpmn", businessKey: $"K-{i}"); // due 5 days after creation
            h.Clock.Advance(TimeSpan.FromDays(1));
            keys.Add($"K-{i}");
        }
        await h.StartAsync("parallel.bpmn", businessKey: "P-1");
        var created = h.Clock.GetUtcNow();

        async Task<string[]> Keys(TaskQuery q) => (await h.Store.QueryTasksAsync(q)).Select(t => t.BusinessKey!).ToArray();
        var mine = new TaskQuery { ProcessId = "single_task" };
        Assert.Equal(4, await h.Store.CountTasksAsync(mine));
        Assert.Equal(keys, await Keys(mine with { Sort = TaskSort.Created }));
        Assert.Equal(keys.AsEnumerable().Reverse(), await Keys(mine with { Sort = TaskSort.Created, Descending = true }));
        Assert.Equal(["K-3", "K-2"], await Keys(mine with { Sort = TaskSort.Due, Descending = true, Skip = 1, Take = 2 }));
        // Due 5 days after creation on days 0..3: before day 7 means K-1 and K-2.
        var start = created - TimeSpan.FromDays(4);
        Assert.Equal(["K-1", "K-2"], await Keys(mine with { Sort = TaskSort.Due, DueBefore = start + TimeSpan.FromDays(7) }));
        Assert.Equal(["K-3", "K-4"], await Keys(mine with { Sort = TaskSort.Due, DueAfter = start + TimeSpan.FromDays(7) }));
        Assert.Equal(2, await h.Store.CountTasksAsync(mine with { DueAfter = start + TimeSpan.FromDays(7) }));
        Assert.Equal(4, await h.Store.CountTasksAsync(new TaskQuery { ElementId = "review" }));
        Assert.Equal(0, await h.Store.CountTasksAsync(mine with { ElementId = "nothing" }));

        // Tasks without a due date sort last in both directions.
        var all = await h.Store.QueryTasksAsync(new TaskQuery { Sort = TaskSort.Due });
        Assert.Equal("P-1", all[^1].BusinessKey);
        Assert.Null(all[^1].DueAt);
        Assert.Equal("P-1", (await h.Store.QueryTasksAsync(new TaskQuery { Sort = TaskSort.Due, Descending = true }))[^1].BusinessKey);
    }
}
