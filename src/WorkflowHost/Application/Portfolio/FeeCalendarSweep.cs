using System.Globalization;
using System.Text.Json.Nodes;
using TechTransfer.Portfolio;
using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Application.Portfolio;

/// <summary>
/// The annual-fee calendar's daily run (a recurring job, <c>BackgroundJobs:PortfolioFeeCalendar</c>): moves each patent's
/// legal status on with the calendar (grace period after an unpaid due date, lapsed after it), then starts the
/// keep-or-abandon process (<see cref="ShippedProcesses.PatentFeeDecision"/>) for every patent whose next fee is due
/// within the configured lead time, once per patent and due; its tasks carry the reminders and escalation.
/// </summary>
public sealed class FeeCalendarSweep(PortfolioService portfolio, IWorkflowRuntime runtime, IWorkflowQueries queries, TimeProvider clock,
    ILogger<FeeCalendarSweep> logger)
{
    private const int Batch = 200;

    /// <summary>Answers how many statuses changed and how many decisions were opened.</summary>
    public async Task<(int StatusChanges, int DecisionsStarted)> RunAsync(CancellationToken ct = default)
    {
        var changes = await portfolio.ApplyCalendarAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var started = 0;
        var tried = new HashSet<Guid>();
        while (true)
        {
            var due = (await portfolio.DecisionsToOpenAsync(today, Batch, ct)).Where(p => tried.Add(p.Id)).ToList();
            if (due.Count == 0) break;
            foreach (var patent in due)
            {
                try
                {
                    if (await StartAsync(patent, ct)) started++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One patent's failure (a process not published, an engine refusal) must not stop the others' decisions.
                    logger.LogError(e, "The keep-or-abandon decision of {Patent} (fee due {Due}) could not be started", patent.Number, patent.NextFeeDue);
                }
            }
        }
        if (changes > 0 || started > 0) logger.LogInformation("Fee calendar: {Changes} status change(s), {Started} decision(s) opened", changes, started);
        return (changes, started);
    }

    private async Task<bool> StartAsync(Patent patent, CancellationToken ct)
    {
        var due = patent.NextFeeDue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var running = await queries.QueryInstancesAsync(new InstanceQuery { ProcessId = ShippedProcesses.PatentFeeDecision.Id, BusinessKey = patent.Number, Take = 100 }, ct);
        if (running.Items.Any(i => i.State.Variables["feeDue"] is JsonValue v && v.ToString() == due)) return false;
        await runtime.StartAsync(new StartRequest
        {
            ProcessId = ShippedProcesses.PatentFeeDecision.Id, BusinessKey = patent.Number, StartedBy = "fee-calendar",
            Variables = new JsonObject { ["patentId"] = patent.Id.ToString(), ["feeDue"] = due, ["patentNumber"] = patent.Number },
        }, ct);
        return true;
    }
}
