using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Portfolio.Campaigns;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordUniversityReview</c>: the university's <c>universityDecision</c> (accept: the patent enters the pool; refuse)
/// on <c>patentId</c> in <c>campaignId</c>, with <c>universityReason</c> (required to refuse). Out: <c>universityDecision</c>, <c>pooled</c>.
/// </summary>
public sealed class RecordUniversityReviewHandler(CampaignService campaigns) : DomainHandler
{
    public override string Name => "tt.recordUniversityReview";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var decision = Names.Parse<ReviewDecision>(vars.String("universityDecision"), "universityDecision");
        var entry = await campaigns.RecordReviewAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("campaignId"), vars.Guid("patentId"), university: true, decision,
            vars.OptionalString("universityReason"), ct);
        return Result(new { universityDecision = Names.Kebab(entry.UniversityDecision!.Value), pooled = entry.Status == CampaignEntryStatus.Pooled });
    }
}
