using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Portfolio.Campaigns;
using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using WorkflowHost.Security;
using Grading = TechTransfer.Processes.ShippedProcesses.PatentInventoryGrading;

namespace WorkflowHost.Application.Portfolio;

/// <summary>
/// The inventory campaign's use cases, shared by the API and the pages: opening a campaign (the domain takes the scope,
/// then one grading process per patent starts), and each patent's steps (grading, the college's and the university's
/// reviews, the idle rule's action), done by completing that patent's open task, so that the engine checks who may act
/// (an inventor only their own patent, a college reviewer only their college's) and the process and the domain agree.
/// </summary>
public sealed class CampaignActions(CampaignService campaigns, IWorkflowRuntime runtime, IWorkflowQueries queries, ProcessSteps steps,
    ILogger<CampaignActions> logger)
{
    private static readonly string[] GradingSteps =
        [Grading.Grade, Grading.GradeByCollege, Grading.GradeByOffice];

    /// <summary>Opens the campaign and starts each patent's grading process; answers the campaign and how many started.</summary>
    public async Task<(InventoryCampaign Campaign, int Started)> OpenAsync(ClaimsPrincipal user, CampaignScope scope, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var (campaign, patents) = await campaigns.OpenAsync(actor, scope, ct);
        var started = 0;
        foreach (var patent in patents) started += await TryStartAsync(actor, campaign.Id, patent, ct) ? 1 : 0;
        return (campaign, started);
    }

    /// <summary>Starts the grading of each patent of the campaign that has none (one failed at opening); answers how many started.</summary>
    public async Task<int> StartMissingAsync(ClaimsPrincipal user, Guid campaignId, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        if (!actor.IsOffice) throw Refusal.Forbidden("Only the office starts a campaign's gradings.");
        var started = 0;
        for (var skip = 0; ; skip += 500)
        {
            var (entries, total) = await campaigns.EntriesAsync(actor, campaignId, null, null, null, skip, 500, ct);
            foreach (var e in entries)
            {
                var running = await queries.QueryInstancesAsync(new InstanceQuery { ProcessId = Grading.Id, BusinessKey = e.Patent.Number, Take = 100 }, ct);
                if (running.Items.Any(i => i.State.Variables["campaignId"] is JsonValue v && v.ToString() == campaignId.ToString())) continue;
                started += await TryStartAsync(actor, campaignId, e.Patent, ct) ? 1 : 0;
            }
            if (skip + 500 >= total) return started;
        }
    }

    private async Task<bool> TryStartAsync(ActingUser actor, Guid campaignId, TechTransfer.Portfolio.Patent patent, CancellationToken ct)
    {
        try
        {
            await runtime.StartAsync(new StartRequest
            {
                ProcessId = Grading.Id, BusinessKey = patent.Number, StartedBy = actor.UserId,
                Variables = new JsonObject { ["campaignId"] = campaignId.ToString(), ["patentId"] = patent.Id.ToString(), ["patentNumber"] = patent.Number },
            }, ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One patent's failure (the process not published, an engine refusal) must not stop the others'; StartMissingAsync repairs it.
            logger.LogError(e, "The grading of {Patent} in campaign {Campaign} could not be started", patent.Number, campaignId);
            return false;
        }
    }

    /// <summary>
    /// The patent's self-grading: the inventors' step, or the college's or the office's once it was escalated. Scores are
    /// keyed by criterion (<c>technical-maturity</c>); the form's fields are their camelCase names.
    /// </summary>
    public async Task GradeAsync(ClaimsPrincipal user, Guid campaignId, Guid patentId, IReadOnlyDictionary<string, int>? scores, string? route, string? contact,
        string? notImplementedReason, string? note, CancellationToken ct)
    {
        var number = await NumberAsync(user, campaignId, patentId, ct);
        var data = new JsonObject { ["transferRoute"] = route, ["contact"] = contact };
        foreach (var c in campaigns.Criteria)
            if (scores is not null && scores.TryGetValue(c.Key, out var score)) data[FormKey(c.Key)] = JsonNode.Parse(score.ToString(System.Globalization.CultureInfo.InvariantCulture)); // a JSON number, as the form validator reads it
        if (notImplementedReason is not null) data["notImplementedReason"] = notImplementedReason;
        if (note is not null) data["gradeNote"] = note;
        var open = (await steps.OpenTasksAsync(number, ct)).Select(t => t.ElementId).ToHashSet(StringComparer.Ordinal);
        var step = GradingSteps.FirstOrDefault(open.Contains) ?? Grading.Grade;
        await steps.CompleteAsync(user, number, step, data, "grade the patent", ct, instanceVariable: ("campaignId", campaignId.ToString()));
    }

    /// <summary>The college's review (<paramref name="university"/> false: its reviewer group, or the office for it) or the university's.</summary>
    public async Task ReviewAsync(ClaimsPrincipal user, Guid campaignId, Guid patentId, bool university, string? decision, string? reason, CancellationToken ct)
    {
        var number = await NumberAsync(user, campaignId, patentId, ct);
        var prefix = university ? "university" : "college";
        var data = new JsonObject { [prefix + "Decision"] = decision };
        if (reason is not null) data[prefix + "Reason"] = reason;
        await steps.CompleteAsync(user, number, university ? Grading.UniversityReview : Grading.CollegeReview,
            data, $"review the grading for the {prefix}", ct, instanceVariable: ("campaignId", campaignId.ToString()));
    }

    /// <summary>The office's action on an idle fiscally funded patent (open-licence, pool, state-reason).</summary>
    public async Task IdleActionAsync(ClaimsPrincipal user, Guid campaignId, Guid patentId, string? action, string? reason, CancellationToken ct)
    {
        var number = await NumberAsync(user, campaignId, patentId, ct);
        var data = new JsonObject { ["idleAction"] = action };
        if (reason is not null) data["idleReason"] = reason;
        await steps.CompleteAsync(user, number, Grading.IdleFunded, data, "put the idle patent into operation", ct,
            instanceVariable: ("campaignId", campaignId.ToString()));
    }

    /// <summary>The form field of a criterion: <c>technical-maturity</c> is <c>technicalMaturity</c>.</summary>
    public static string FormKey(string criterion)
    {
        var parts = criterion.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>The patent's number, when the caller may see it in the campaign (else not found: nothing about others' patents leaks).</summary>
    private async Task<string> NumberAsync(ClaimsPrincipal user, Guid campaignId, Guid patentId, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var (mine, _) = await campaigns.EntriesAsync(actor, campaignId, null, null, patentId, 0, 1, ct);
        return mine.FirstOrDefault()?.Patent.Number ?? throw Refusal.NotFound("Campaign patent", patentId);
    }
}
