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

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Variables_case_number_search_and_follow_up_dates_filter_alike_on_every_store(string store)
    {
        var h = await HarnessAsync(store);
        await h.StartAsync("single-task.bpmn", new { pricingMethod = "listing", rounds = 2, urgent = true, title = "专利 \"A\"" }, businessKey: "CN-2026-0001");
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // creation order is the order asserted
        await h.StartAsync("single-task.bpmn", new { pricingMethod = "auction", rounds = 3, urgent = false }, businessKey: "CN-2026-0002");
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // creation order is the order asserted
        await h.StartAsync("single-task.bpmn", new { pricingMethod = "listing", rounds = 3, note = "pricingMethod" }, businessKey: "us-2026-0003");
        h.Clock.Advance(TimeSpan.FromMinutes(1)); // creation order is the order asserted

        async Task<string[]> Keys(TaskQuery q) => (await h.Store.QueryTasksAsync(q with { Sort = TaskSort.Created })).Select(t => t.BusinessKey!).ToArray();
        Dictionary<string, string> Vars(params (string, string)[] pairs) => pairs.ToDictionary(p => p.Item1, p => p.Item2);
        Assert.Equal(["CN-2026-0001", "us-2026-0003"], await Keys(new TaskQuery { Variables = Vars(("pricingMethod", "listing")) }));
        Assert.Equal(["us-2026-0003"], await Keys(new TaskQuery { Variables = Vars(("pricingMethod", "listing"), ("rounds", "3")) }));
        Assert.Equal(["CN-2026-0001"], await Keys(new TaskQuery { Variables = Vars(("urgent", "true")) }));
        Assert.Equal(["CN-2026-0002"], await Keys(new TaskQuery { Variables = Vars(("urgent", "false")) }));
        Assert.Equal(["CN-2026-0001"], await Keys(new TaskQuery { Variables = Vars(("title", "专利 \"A\"")) }));
        Assert.Empty(await Keys(new TaskQuery { Variables = Vars(("pricingMethod", "licence")) }));
        Assert.Empty(await Keys(new TaskQuery { Variables = Vars(("rounds", "2.5")) }));
        Assert.Equal(1, await h.Store.CountTasksAsync(new TaskQuery { Variables = Vars(("rounds", "2")) }));

        Assert.Equal(["CN-2026-0001", "CN-2026-0002", "us-2026-0003"], await Keys(new TaskQuery { BusinessKeyContains = "2026" }));
        Assert.Equal(["us-2026-0003"], await Keys(new TaskQuery { BusinessKeyContains = "US-" }));
        Assert.Equal(["CN-2026-0002"], await Keys(new TaskQuery { BusinessKeyContains = "0002" }));
        // The host's look-ups (cases of a stage or college; cases whose title matched the search) narrow or widen alike.
        Assert.Equal(["CN-2026-0001", "us-2026-0003"], await Keys(new TaskQuery { BusinessKeyIn = ["us-2026-0003", "CN-2026-0001", "XX-1"] }));
        Assert.Empty(await Keys(new TaskQuery { BusinessKeyIn = [] }));
        Assert.Equal(["CN-2026-0002", "us-2026-0003"], await Keys(new TaskQuery { BusinessKeyContains = "0002", BusinessKeyContainsOrIn = ["us-2026-0003"] }));
        Assert.Equal(["us-2026-0003"], await Keys(new TaskQuery { BusinessKeyContains = "0002", BusinessKeyContainsOrIn = ["us-2026-0003"], BusinessKeyIn = ["us-2026-0003"] }));

        // Follow-up dates 3, 1 and 2 days ahead; the tasks above have none and never match a follow-up filter.
        var now = h.Clock.GetUtcNow();
        foreach (var (key, days) in new[] { ("F-3", 3), ("F-1", 1), ("F-2", 2) })
            await h.StartAsync("follow-up-task.bpmn", new { followDays = days }, businessKey: key);
        async Task<string[]> FollowUps(TaskQuery q) => (await h.Store.QueryTasksAsync(q with { ProcessId = "follow_up_task" })).Select(t => t.BusinessKey!).ToArray();
        Assert.Equal(["F-1", "F-2", "F-3"], await FollowUps(new TaskQuery { Sort = TaskSort.FollowUp }));
        Assert.Equal(["F-3", "F-2", "F-1"], await FollowUps(new TaskQuery { Sort = TaskSort.FollowUp, Descending = true }));
        Assert.Equal(["F-1"], await FollowUps(new TaskQuery { Sort = TaskSort.FollowUp, FollowUpBefore = now.AddDays(1.5) }));
        Assert.Equal(["F-2", "F-3"], await FollowUps(new TaskQuery { Sort = TaskSort.FollowUp, FollowUpAfter = now.AddDays(1.5) }));
        Assert.Equal(3, await h.Store.CountTasksAsync(new TaskQuery { FollowUpBefore = now.AddYears(1) }));
    }
}
