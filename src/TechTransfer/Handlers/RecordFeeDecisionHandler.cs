using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Portfolio;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordFeeDecision</c>: the office's <c>feeDecision</c> (keep or abandon) for the fee of <c>patentId</c> due on
/// <c>feeDue</c>, with <c>decisionReason</c>, the inventors' view (<c>inventorOpinion</c>, <c>inventorReason</c>, when they gave
/// one) and the college's (<c>collegeOpinion</c>, <c>collegeReason</c>), into the patent's evidence. Out: <c>feeDecision</c>.
/// </summary>
public sealed class RecordFeeDecisionHandler(PortfolioService portfolio) : DomainHandler
{
    public override string Name => "tt.recordFeeDecision";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var decision = Names.Parse<FeeDecision>(vars.String("feeDecision"), "feeDecision");
        var views = new FeeDecisionViews(vars.OptionalString("inventorOpinion"), vars.OptionalString("inventorReason"),
            vars.OptionalString("collegeOpinion"), vars.OptionalString("collegeReason"));
        var patent = await portfolio.RecordFeeDecisionAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("patentId"), vars.Date("feeDue"), decision,
            vars.OptionalString("decisionReason"), views, ct);
        return Result(new { feeDecision = Names.Kebab(patent.FeeDecision!.Value) });
    }
}
