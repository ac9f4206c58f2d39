using System.Diagnostics;
using Workflows.Bench.Measurement;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace Workflows.Bench.Inbox;

/// <summary>
/// The inbox page of one technology manager (<see cref="InboxSeed.User"/> in two of the 20 groups) over a stored office
/// of 100,000 and 1,000,000 instances: every filter and sort the inbox page offers, each as the page asks for it (one
/// page of 25 and the total), p50/p99/max over repeated runs, on SQLite and PostgreSQL.
/// </summary>
public static class InboxBench
{
    public sealed record Figure(string Store, int Instances, int Actionable, IReadOnlyList<LatencySummary> Filters)
    {
        public double WorstP99 => Filters.Max(f => f.P99);
    }

    private static IEnumerable<(string Name, TaskQuery Query)> Filters()
    {
        var mine = new TaskQuery { ActionableBy = InboxSeed.User, CandidateGroups = InboxSeed.Groups, Take = 25 };
        var now = InboxSeed.Now;
        yield return ("my tasks by due date", mine with { Sort = TaskSort.Due });
        yield return ("newest first", mine with { Sort = TaskSort.Created, Descending = true });
        yield return ("by priority", mine with { Sort = TaskSort.Priority });
        yield return ("by follow-up", mine with { Sort = TaskSort.FollowUp });
        yield return ("process", mine with { Sort = TaskSort.Due, ProcessId = "proc-3" });
        yield return ("process + step", mine with { Sort = TaskSort.Due, ProcessId = "proc-3", ElementId = "task-2" });
        yield return ("case number search", mine with { Sort = TaskSort.Due, BusinessKeyContains = "cn-2026-00" });
        yield return ("overdue", mine with { Sort = TaskSort.Due, DueBefore = now });
        yield return ("due in two weeks", mine with { Sort = TaskSort.Due, DueAfter = now, DueBefore = now.AddDays(14) });
        yield return ("variable", mine with { Sort = TaskSort.Due, Variables = new Dictionary<string, string> { ["college"] = "college-07" } });
        yield return ("two variables", mine with { Sort = TaskSort.Due, Variables = new Dictionary<string, string> { ["college"] = "college-07", ["urgent"] = "true" } });
        yield return ("page 40", mine with { Sort = TaskSort.Due, Skip = 39 * 25 });
    }

    public static async Task<List<Figure>> RunAsync(BenchOptions options)
    {
        var figures = new List<Figure>();
        foreach (var size in options.InboxSizes)
            foreach (var provider in options.Providers)
            {
                var db = await InboxSeed.EnsureAsync(options, provider, size);
                await using var store = WorkflowPersistence.CreateStore(provider, db.ConnectionString);
                var actionable = await store.CountTasksAsync(Filters().First().Query);
                var results = new List<LatencySummary>();
                foreach (var (name, query) in Filters())
                {
                    var latencies = new Latencies(name);
                    for (var i = 0; i < 3; i++) await PageAsync(store, query); // warm-up
                    for (var i = 0; i < 40; i++) await latencies.TimeAsync(() => PageAsync(store, query));
                    results.Add(latencies.Summary());
                }
                var figure = new Figure(db.Label, size, actionable, results);
                Console.WriteLine($"{figure.Store,-10} {size,9:N0} instances ({actionable:N0} tasks in the manager's inbox): worst p99 {figure.WorstP99:F1} ms");
                foreach (var r in results) Console.WriteLine($"    {r.Operation,-22} p50 {r.P50,7:F2} ms  p99 {r.P99,7:F2} ms  max {r.Max,7:F2} ms");
                figures.Add(figure);
            }
        return figures;
    }

    /// <summary>What the inbox page asks: one page and the total.</summary>
    private static async Task<int> PageAsync(IWorkflowStore store, TaskQuery query) =>
        (await store.QueryTasksAsync(query)).Count + await store.CountTasksAsync(query);
}
