using System.Text.Json.Nodes;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.decideReward</c>: the office's sum <c>rewardTotal</c> for the reward on grant <c>rewardId</c> (at least the
/// minimum for the patent's kind), divided by contribution shares. Out: <c>rewardTotal</c>, <c>rewardShares</c>.</summary>
public sealed class DecideRewardHandler(RewardService rewards) : DomainHandler
{
    public override string Name => "tt.decideReward";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reward = await rewards.DecideGrantRewardAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("rewardId"), vars.Decimal("rewardTotal"), ct);
        return Result(new { rewardTotal = reward.Total, rewardShares = reward.Shares.Select(s => new { s.UserId, s.Amount }) });
    }
}
