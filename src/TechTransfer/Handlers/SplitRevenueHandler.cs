using System.Text.Json.Nodes;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.splitRevenue</c>: splits <c>income</c> less <c>costs</c> and <c>taxes</c> under <c>agreementId</c> by the
/// configured shares (received on <c>receivedOn</c>, default today). Out: <c>revenueSplitId</c>, <c>netIncome</c>,
/// <c>inventorPool</c>, <c>revenueShares</c>, and <c>rewardId</c>: the remuneration the reward process publishes and pays.</summary>
public sealed class SplitRevenueHandler(RevenueService revenue) : DomainHandler
{
    public override string Name => "tt.splitRevenue";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var split = await revenue.SplitAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("inventionId"), new IncomeRecord(
            vars.Decimal("income"), vars.OptionalDecimal("costs") ?? 0, vars.OptionalDecimal("taxes") ?? 0, vars.OptionalGuid("agreementId"),
            vars.OptionalDecimal("inventorRate"), vars.OptionalDate("receivedOn")), ct);
        return Result(new
        {
            revenueSplitId = split.Id, rewardId = split.RewardId, netIncome = split.NetIncome, inventorPool = split.InventorPool, staffPool = split.StaffPool,
            institutionShare = split.InstitutionShare, revenueShares = split.Shares.Select(s => new { s.UserId, s.Amount }),
        });
    }
}
