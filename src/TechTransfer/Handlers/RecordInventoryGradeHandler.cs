using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Portfolio.Campaigns;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordInventoryGrade</c>: the self-grading of <c>patentId</c> in <c>campaignId</c>: a score 1 to 5 per configured
/// criterion (a <c>scores</c> object keyed by criterion, or one variable per criterion in camelCase:
/// <c>technical-maturity</c> -> <c>technicalMaturity</c>), <c>transferRoute</c>, <c>contact</c>, and optionally
/// <c>notImplementedReason</c> and <c>gradeNote</c>. Out: <c>gradeScore</c>, <c>gradeTier</c>, <c>idleFunded</c>.
/// </summary>
public sealed class RecordInventoryGradeHandler(CampaignService campaigns) : DomainHandler
{
    public override string Name => "tt.recordInventoryGrade";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var grade = new CampaignGrade(Scores(vars), Names.Parse<TransferRoute>(vars.String("transferRoute"), "transferRoute"), vars.OptionalString("contact"),
            vars.OptionalString("notImplementedReason"), vars.OptionalString("gradeNote"));
        var entry = await campaigns.RecordGradeAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("campaignId"), vars.Guid("patentId"), grade, ct);
        return Result(new { gradeScore = entry.Score, gradeTier = entry.Tier, idleFunded = entry.IdleFunded });
    }

    private Dictionary<string, int> Scores(Vars vars) => CriterionScores(vars, campaigns.Criteria.Select(c => c.Key));
}
