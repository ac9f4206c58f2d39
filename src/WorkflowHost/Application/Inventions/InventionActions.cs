using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Localization;
using WorkflowHost.Security;

namespace WorkflowHost.Application.Inventions;

/// <summary>
/// What the inventions endpoints and the inventor portal's pages both do on an invention beyond one domain call: its
/// file (invention, process status, open steps, the timeline the caller may see), submitting (domain + starting the
/// process), answering the office's questions (the <c>Task_Revise</c> step) and the case's progress on its diagrams.
/// Every method checks through <see cref="InventionService"/> that the caller may see the invention (404 otherwise).
/// </summary>
public sealed class InventionActions(InventionService inventions, EvidenceLog evidence, ProcessSteps steps, IWorkflowQueries queries,
    ProcessNames processNames)
{
    /// <summary>Timeline entries an inventor may see; committee ballots, pricing moves and bids stay with the office.</summary>
    private static readonly string[] InventorVisible = ["disclosure.", "inventor.linked", "assessment.decided", "patent.", "committee.closed", "agreement.", "filing.", "revenue."];

    /// <summary>The invention's file: 404 for an inventor who is not on it.</summary>
    public async Task<InventionDetail> DetailAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var invention = await inventions.GetAsync(actor, id, ct);
        var instance = await steps.MainInstanceAsync(invention.CaseNumber, ct);
        var open = instance is null ? [] : await steps.OpenTasksAsync(invention.CaseNumber, ct);
        var names = await processNames.OfTasksAsync(open, ct: ct);
        var office = actor.IsOffice;
        var timeline = (await evidence.EntriesAsync(id, ct))
            .Where(e => office || InventorVisible.Any(prefix => e.Action.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(e => new TimelineEntry(e.Sequence, e.At, e.Action, office ? Facts(e.Payload) : ForInventors(e.Action, Facts(e.Payload)))).ToList();
        return new InventionDetail(InventionView.Of(invention), instance?.Status.ToString().ToLowerInvariant() ?? "not-started", instance?.Id,
            open.Select(t => new OpenStep(t.Id, t.ProcessId, t.ElementId, names[t.Id].Task, t.DueAt, t.Assignee, t.CandidateGroups, t.CandidateUsers)).ToList(),
            timeline);
    }

    /// <summary>Submits a draft and starts the main process (business key: the case number).</summary>
    public async Task<InventionDetail> SubmitAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var invention = await inventions.GetAsync(actor, id, ct);
        if (invention.Status == InventionStatus.Returned)
            throw Refusal.Conflict("answer-questions",
                $"Case {invention.CaseNumber} was returned with questions: edit it, then POST /api/v1/inventions/{id}/answer.");
        // A draft is submitted; a submitted one whose process did not start (a crash between the two) is started now.
        if (invention.Status == InventionStatus.Draft)
            invention = await inventions.SubmitAsync(actor, id, ct: ct);
        else if (invention.Status != InventionStatus.Submitted || await steps.MainInstanceAsync(invention.CaseNumber, ct) is not null)
            throw Refusal.Conflict("already-submitted", $"Case {invention.CaseNumber} is {invention.Status}, not a draft.");
        var inventor = invention.Inventors.FirstOrDefault(i => i.UserId == actor.UserId) ?? invention.Inventors.OrderBy(i => i.Position).First();
        await steps.StartMainAsync(invention.CaseNumber, invention.Id, inventor.UserId, actor.UserId, ct);
        return await DetailAsync(user, id, ct);
    }

    /// <summary>The inventor assigned the revision step answers the office's questions; the disclosure goes back to screening.</summary>
    public async Task<InventionDetail> AnswerAsync(ClaimsPrincipal user, Guid id, string? answer, CancellationToken ct)
    {
        var invention = await inventions.GetAsync(user.ToActingUser(), id, ct);
        await steps.CompleteAsync(user, invention.CaseNumber, ShippedProcesses.Disclosure.Revise, new JsonObject { ["answer"] = answer }, "answer the office's questions", ct);
        return await DetailAsync(user, id, ct);
    }

    /// <summary>
    /// Where the case is on its diagrams: the main process and every stage it called, each with the elements done and
    /// the elements active now. Only for those who may see the invention; never any other instance.
    /// </summary>
    public async Task<CaseProgress> ProgressAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var invention = await inventions.GetAsync(user.ToActingUser(), id, ct);
        var main = await steps.MainInstanceAsync(invention.CaseNumber, ct);
        if (main is null) return new CaseProgress(invention.Id, invention.CaseNumber, []);
        var diagrams = new List<StageDiagram> { await DiagramAsync(main, null, ct) };
        // The stages the main process called (a listing may call an auction in turn), oldest first.
        var parents = new Queue<ProcessInstance>([main]);
        while (parents.TryDequeue(out var parent))
        {
            var children = (await queries.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = parent.Id, Take = 100 }, ct)).Items
                .OrderBy(c => c.StartedAt);
            foreach (var child in children)
            {
                diagrams.Add(await DiagramAsync(child, parent.Id, ct));
                parents.Enqueue(child);
            }
        }
        return new CaseProgress(invention.Id, invention.CaseNumber, diagrams);
    }

    private async Task<StageDiagram> DiagramAsync(ProcessInstance instance, Guid? calledBy, CancellationToken ct)
    {
        var history = await queries.GetHistoryAsync(instance.Id, ct);
        var running = instance.Status == InstanceStatus.Running;
        var active = running ? instance.State.Tokens.Select(t => t.NodeId).Distinct(StringComparer.Ordinal).ToList() : [];
        var done = history
            .Where(h => h.ElementId is not null && h.Event is HistoryEventType.ActivityLeft or HistoryEventType.TaskCompleted)
            .Select(h => h.ElementId!).Distinct(StringComparer.Ordinal).Except(active, StringComparer.Ordinal).ToList();
        return new StageDiagram(instance.ProcessId, instance.DefinitionVersion, instance.Id, instance.Status.ToString().ToLowerInvariant(), calledBy,
            instance.StartedAt, instance.EndedAt, done, active);
    }

    /// <summary>Facts of the committee's close that stay with the office and the committee: who voted how, who was recused, who attended.</summary>
    private static readonly string[] CommitteePrivate = ["votes", "recused", "attendance", "minutes", "reviewId"];

    /// <summary>What an inventor sees of a decision's facts: the committee's outcome and tally, not its members' ballots.</summary>
    private static JsonNode? ForInventors(string action, JsonNode? facts)
    {
        if (action != "committee.closed" || facts is not JsonObject o) return facts;
        foreach (var key in CommitteePrivate) o.Remove(key);
        return o;
    }

    private static JsonNode? Facts(string payload)
    {
        try
        {
            return JsonNode.Parse(payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
