using TechTransfer.Rewards;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Workflows;

/// <summary>The reward-payment process on the engine: its deadlines as timers, reminders before them, escalation after.</summary>
public sealed class RewardPaymentProcessTests
{
    private const string Office = "technology-manager";

    private static readonly DateTimeOffset Deadline = new(2026, 6, 1, 23, 59, 59, TimeSpan.FromHours(8)); // 3 months after the grant

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Reward_on_grant_not_decided_in_time_for_its_publication_goes_to_the_office_head(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var (p, reward, _) = await StartGrantRewardAsync(h);

        // Paid within 3 months of the grant: so decided at least the publication window (15 days) before that.
        var decide = await p.TaskAsync("Task_DecideReward");
        Assert.Equal(Deadline - TimeSpan.FromDays(15), decide.DueAt);
        // Reminders 14 and 3 days before; then the office head has it (已逾期，已转负责人督办).
        await h.AdvanceAsync(decide.DueAt!.Value - h.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        await p.TaskAsync("Task_DecideReward");
        Assert.Equal(2, (await h.Store.GetPendingOutboxAsync(DateTimeOffset.MaxValue, 1000)).Count(m => m.Payload.Contains(NotificationKinds.TaskReminder)));
        await h.AdvanceAsync(TimeSpan.FromSeconds(2));
        var overdue = await p.TaskAsync("Task_DecisionOverdue");
        Assert.Contains("office-head", overdue.CandidateGroups);
        Assert.DoesNotContain(await p.OpenTasksAsync(), t => t.ElementId == "Task_DecideReward");

        await p.CompleteAsync("Task_DecisionOverdue", "olivia", "office-head", new { rewardTotal = 4000 });
        var published = await h.Get<RewardService>().GetAsync(Tom, reward.Id);
        Assert.Equal((RewardStatus.Published, 4000m, "olivia"), (published.Status, published.Total, published.DecidedBy));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Reward_on_grant_is_published_15_days_then_paid_by_the_deadline_or_escalated(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var (p, reward, instance) = await StartGrantRewardAsync(h);
        await p.CompleteAsync("Task_DecideReward", "tom", Office, new { rewardTotal = 6000 });
        Assert.Equal(RewardStatus.Published, (await h.Get<RewardService>().GetAsync(Tom, reward.Id)).Status);

        // Nothing to pay until the publication has run its 15 days; then the payment is due by the deadline.
        await h.AdvanceAsync(TimeSpan.FromDays(15) - TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(await p.OpenTasksAsync(), t => t.ElementId.StartsWith("Task_Pay", StringComparison.Ordinal));
        await h.AdvanceAsync(TimeSpan.FromSeconds(5));
        var pay = await p.TaskAsync("Task_PayReward");
        Assert.Equal(Deadline, pay.DueAt);
        await h.AdvanceAsync(Deadline - h.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
        var late = await p.TaskAsync("Task_PaymentOverdue");
        Assert.Contains("office-head", late.CandidateGroups);
        Assert.DoesNotContain(await p.OpenTasksAsync(), t => t.ElementId == "Task_PayReward");
        await p.CompleteAsync("Task_PaymentOverdue", "olivia", "office-head", new { paidOn = "2026-06-02", paymentReference = "PAY-LATE-1" });

        Assert.Equal(InstanceStatus.Completed, (await h.Store.GetInstanceAsync(instance))!.Status);
        var entries = await h.Evidence.EntriesAsync(reward.InventionId);
        Assert.Equal(["reward.opened", "reward.decided", "reward.published", "reward.paid"],
            entries.Where(e => e.Action.StartsWith("reward.", StringComparison.Ordinal)).Select(e => e.Action));
        Assert.Contains(entries, e => e.Action == "reward.paid" && e.Payload.Contains("\"late\":true"));
    }

    private static async Task<(ProcessDriver, Reward, Guid)> StartGrantRewardAsync(DomainHarness h)
    {
        await ProcessDriver.PublishShippedAsync(h);
        var invention = await h.AcceptedInventionAsync();
        await h.Inventions.RecordPatentApplicationAsync(Tom, invention.Id, "CN202610123456.7", new DateOnly(2025, 1, 10));
        await h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL202610123456.7", new DateOnly(2026, 3, 1));
        var reward = await h.Get<RewardService>().OpenGrantRewardAsync(Tom, invention.Id, null);
        var instance = await h.Runtime.StartAsync(new StartRequest
        {
            ProcessId = "reward-payment", BusinessKey = invention.CaseNumber, StartedBy = "tom",
            Variables = new() { ["inventionId"] = invention.Id.ToString(), ["rewardId"] = reward.Id.ToString() },
        });
        return (new ProcessDriver(h, invention.CaseNumber), reward, instance.Id);
    }
}
