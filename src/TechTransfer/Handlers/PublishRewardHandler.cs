using System.Text.Json.Nodes;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.publishReward</c>: publishes the reward <c>rewardId</c> inside the institution (公示) for the configured
/// window. Out: <c>publicationEnds</c> (ISO instant, the timer before payment).</summary>
public sealed class PublishRewardHandler(RewardService rewards) : DomainHandler
{
    public override string Name => "tt.publishReward";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reward = await rewards.PublishAsync(OnBehalfOfTaskCompleter(vars), vars.Guid("rewardId"), ct);
        return Result(new { publicationEnds = Iso(reward.PublicationEndsAt!.Value) });
    }
}
