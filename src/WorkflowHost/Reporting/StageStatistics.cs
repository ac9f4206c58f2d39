using TechTransfer.Inventions;
using TechTransfer.Processes;
using TechTransfer.Reporting;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Localization;

namespace WorkflowHost.Reporting;

/// <summary>
/// The dashboard's figures, computed from what is recorded; nothing is stored for them:
/// <list type="bullet">
/// <item>Inventions per stage: the domain's count of inventions in each <see cref="InventionStatus"/>.</item>
/// <item>Days per stage: every stage process that the main process (<see cref="ShippedProcesses.Transfer"/>) called (its child instances, one per call
/// activity; the catalog's <see cref="ShippedProcesses.Stages"/> first, in call order, then any other by id) and that completed, from its start to its end in the engine's records. Per stage: how many completed, the
/// average, and the 90th percentile by the <b>nearest-rank method</b> (the durations sorted ascending, the value at rank
/// ⌈0.9 × n⌉; with two durations that is the longer one).</item>
/// <item>Overdue tasks: open user tasks whose due date has passed (the inbox's overdue filter, over everybody's tasks).</item>
/// <item>Money per year in the office's zone (<see cref="MoneyStatistics"/>): contract value signed, income received,
/// rewards and remuneration paid.</item>
/// </list>
/// Callers authorize: the statistics endpoint and the dashboard admit system administrators (and the endpoint the office head).
/// </summary>
public sealed class StageStatistics(IWorkflowQueries queries, InventionService inventions, TimeProvider clock, ProcessNames processNames,
    MoneyStatistics money, IBusinessCalendar calendar)
{
    /// <summary>How many overdue tasks are listed (the count is of all of them).</summary>
    public const int OverdueListed = 100;

    private const int PageSize = 500;

    public async Task<StatisticsView> ComputeAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var perStatus = await inventions.CountByStatusAsync(ct);
        var overdue = await queries.QueryTasksAsync(new TaskQuery { DueBefore = now, Sort = TaskSort.Due, Take = OverdueListed }, ct);
        var names = await processNames.OfTasksAsync(overdue.Items, ct: ct);
        return new StatisticsView(
            now,
            perStatus.OrderBy(p => p.Key).Select(p => new StatusCount(StatusName(p.Key), p.Value)).ToList(),
            await DurationsAsync(ct),
            new OverdueTasks(overdue.Total, overdue.Items.Select(t => new OverdueTask(t.Id, names[t.Id].Task, t.ElementId, t.ProcessId, t.BusinessKey,
                t.Assignee, t.DueAt!.Value)).ToList()),
            await money.ByYearAsync(calendar.TimeZone, ct));
    }

    /// <summary>The status as the REST API spells enum values (kebab-case): <c>in-review</c>.</summary>
    public static string StatusName(InventionStatus status) =>
        string.Concat(status.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private async Task<IReadOnlyList<StageDuration>> DurationsAsync(CancellationToken ct)
    {
        var days = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var stage in ShippedProcesses.Stages) days[stage] = [];
        await foreach (var parent in AllAsync(new InstanceQuery { ProcessId = ShippedProcesses.Transfer.Id }, ct))
            await foreach (var stage in AllAsync(new InstanceQuery { ParentInstanceId = parent.Id }, ct))
            {
                if (stage.Status != InstanceStatus.Completed || stage.EndedAt is not { } ended) continue;
                if (!days.TryGetValue(stage.ProcessId, out var list)) days[stage.ProcessId] = list = [];
                list.Add((ended - stage.StartedAt).TotalDays);
            }
        return days
            .OrderBy(d => ShippedProcesses.Stages.Contains(d.Key) ? ShippedProcesses.Stages.ToList().IndexOf(d.Key) : ShippedProcesses.Stages.Count)
            .ThenBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new StageDuration(d.Key, d.Value.Count, Round(d.Value.Count == 0 ? 0 : d.Value.Average()), Round(Percentile90(d.Value))))
            .ToList();
    }

    /// <summary>The 90th percentile by the nearest-rank method: sorted ascending, the value at rank ⌈0.9 × n⌉ (0 for no values).</summary>
    public static double Percentile90(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(0.9 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static double Round(double days) => Math.Round(days, 2, MidpointRounding.AwayFromZero);

    private async IAsyncEnumerable<ProcessInstance> AllAsync(InstanceQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await queries.QueryInstancesAsync(query with { Skip = skip, Take = PageSize }, ct);
            foreach (var instance in page.Items) yield return instance;
            if (page.Items.Count < PageSize || skip + PageSize >= page.Total) yield break;
        }
    }
}

/// <summary>What <c>GET /api/v1/admin/statistics</c> answers and the dashboard draws.</summary>
public sealed record StatisticsView(DateTimeOffset ComputedAt, IReadOnlyList<StatusCount> InventionsPerStage,
    IReadOnlyList<StageDuration> StageDurations, OverdueTasks OverdueTasks, IReadOnlyList<MoneyPeriod> MoneyPerYear);

/// <summary>How many inventions are in one status (kebab-case, as the inventions API spells it).</summary>
public sealed record StatusCount(string Status, int Count);

/// <summary>Completed runs of one stage process and their average and 90th-percentile duration in days (two decimals).</summary>
public sealed record StageDuration(string Stage, int Completed, double AverageDays, double Percentile90Days);

/// <summary>How many open tasks are past their due date, and the first <see cref="StageStatistics.OverdueListed"/> of them (oldest due first).</summary>
public sealed record OverdueTasks(int Count, IReadOnlyList<OverdueTask> Items);

public sealed record OverdueTask(Guid Id, string? Name, string ElementId, string ProcessId, string? BusinessKey, string? Assignee, DateTimeOffset DueAt);
