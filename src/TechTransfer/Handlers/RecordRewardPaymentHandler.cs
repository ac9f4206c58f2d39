using System.Text.Json.Nodes;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.recordRewardPayment</c>: the reward <c>rewardId</c> was paid on <c>paidOn</c> under <c>paymentReference</c>,
/// proof <c>paymentProofId</c> (an attachment, optional). Out: <c>rewardPaidOn</c>.</summary>
public sealed class RecordRewardPaymentHandler(RewardService rewards) : DomainHandler
{
    public override string Name => "tt.recordRewardPayment";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reward = await rewards.RecordPaymentAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("rewardId"), vars.Date("paidOn"),
            vars.String("paymentReference"), vars.OptionalGuid("paymentProofId"), ct);
        return Result(new { rewardPaidOn = Iso(reward.PaidOn!.Value) });
    }
}
