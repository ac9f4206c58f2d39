using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Rewards;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.prepareReward</c>: the deadlines of the reward <c>rewardId</c> as the process's timers read them. Out:
/// <c>rewardKind</c>, <c>rewardStatus</c>, <c>rewardMinimum</c>, <c>rewardTotal</c>, <c>rewardPaymentDue</c> (the date),
/// <c>paymentDeadline</c> (the end of that day, ISO instant) and <c>decisionDeadline</c> (the last moment to decide the sum
/// so that the publication window still ends before the payment deadline).
/// </summary>
public sealed class PrepareRewardHandler(RewardService rewards, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.prepareReward";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var reward = await rewards.GetAsync(AsProcess(), vars.Guid("rewardId"), ct);
        var deadline = new DateTimeOffset(reward.PaymentDue.ToDateTime(new TimeOnly(23, 59, 59)), options.Licensing.DeadlineUtcOffset);
        var decisionDeadline = deadline - options.Rewards.PublicationWindow;
        return Result(new
        {
            rewardKind = Names.Kebab(reward.Kind), rewardStatus = Names.Kebab(reward.Status), rewardMinimum = reward.Minimum, rewardTotal = reward.Total,
            rewardPaymentDue = Iso(reward.PaymentDue), paymentDeadline = Iso(deadline), decisionDeadline = Iso(decisionDeadline),
            rewardReminders = options.Rewards.Reminders,
        });
    }
}
