using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Portfolio.Campaigns;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordCollegeReview</c>: the college's <c>collegeDecision</c> (accept or refuse) on the grading of <c>patentId</c>
/// in <c>campaignId</c>, with <c>collegeReason</c> (required to refuse). Out: <c>collegeDecision</c>.
/// </summary>
public sealed class RecordCollegeReviewHandler(CampaignService campaigns) : DomainHandler
{
    public override string Name => "tt.recordCollegeReview";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var decision = Names.Parse<ReviewDecision>(vars.String("collegeDecision"), "collegeDecision");
        var entry = await campaigns.RecordReviewAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("campaignId"), vars.Guid("patentId"), university: false, decision,
            vars.OptionalString("collegeReason"), ct);
        return Result(new { collegeDecision = Names.Kebab(entry.CollegeDecision!.Value) });
    }
}
