using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Rewards;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;
using static TechTransfer.Tests.OpenLicences.OpenLicenceServiceTests;

namespace TechTransfer.Tests.Rewards;

public sealed class RewardServiceTests
{
    private static readonly DateOnly Granted = new(2026, 2, 1);

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Reward_on_grant_is_at_least_the_minimum_for_the_patents_kind_and_split_by_contribution(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var rewards = h.Get<RewardService>();
        var invention = await h.AcceptedInventionAsync();
        Assert.Equal(("not-granted", "inventionId"), await RefusedAsync(() => rewards.OpenGrantRewardAsync(Tom, invention.Id, null)));
        await GrantAsync(h, invention, "ZL202610123456.7"); // type digit 1: an invention patent

        var reward = await rewards.OpenGrantRewardAsync(Tom, invention.Id, null);
        Assert.Equal((PatentKind.Invention, 4000m, new DateOnly(2026, 5, 1), RewardStatus.Due), (reward.PatentKind, reward.Minimum, reward.PaymentDue, reward.Status));
        Assert.Equal(reward.Id, (await rewards.OpenGrantRewardAsync(Tom, invention.Id, PatentKind.Design)).Id); // once per invention
        Assert.Equal(("below-minimum-reward", "total"), await RefusedAsync(() => rewards.DecideGrantRewardAsync(Tom, reward.Id, 3999.99m)));
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<TechTransferException>(() => rewards.DecideGrantRewardAsync(Alice, reward.Id, 5000m))).Code);

        var decided = await rewards.DecideGrantRewardAsync(Tom, reward.Id, 5000m);
        Assert.Equal([("alice", 3000m), ("bob", 1500m), ("carol", 500m)], decided.Shares.OrderBy(s => s.UserId).Select(s => (s.UserId, s.Amount)));
        Assert.Equal(("already-decided", "total"), await RefusedAsync(() => rewards.DecideGrantRewardAsync(Tom, reward.Id, 6000m)));
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "reward.decided" && e.Payload.Contains("\"total\":5000"));
        Assert.Single(await rewards.ListAsync(Carol, invention.Id)); // an inventor sees it
    }

    [Theory]
    [InlineData("ZL202620123456.7", PatentKind.UtilityModel)]
    [InlineData("ZL 2026 3 0123456.7", PatentKind.Design)]
    [InlineData("ZL98123456.7", PatentKind.Invention)]
    [InlineData("ZL202680123456.7", PatentKind.Invention)]
    [InlineData("US 11,222,333 B2", null)]
    public void The_patent_number_names_its_kind(string number, PatentKind? kind) => Assert.Equal(kind, RewardService.KindOf(number));

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_utility_model_needs_1500_and_the_configured_minimums_apply(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Rewards.UtilityModelMinimum = 2000m);
        var rewards = h.Get<RewardService>();
        var invention = await h.AcceptedInventionAsync();
        await GrantAsync(h, invention, "ZL202620123456.7");
        var reward = await rewards.OpenGrantRewardAsync(Tom, invention.Id, null);
        Assert.Equal((PatentKind.UtilityModel, 2000m), (reward.PatentKind, reward.Minimum));
        Assert.Equal(("below-minimum-reward", "total"), await RefusedAsync(() => rewards.DecideGrantRewardAsync(Tom, reward.Id, 1500m)));
        Assert.Equal(2000m, (await rewards.DecideGrantRewardAsync(Tom, reward.Id, 2000m)).Total);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_reward_is_paid_only_after_15_days_of_publication_with_its_proof_in_the_evidence(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var rewards = h.Get<RewardService>();
        var invention = await h.AcceptedInventionAsync();
        await GrantAsync(h, invention, "ZL202610123456.7");
        var reward = await rewards.OpenGrantRewardAsync(Tom, invention.Id, null);
        Assert.Equal(("not-decided", "rewardId"), await RefusedAsync(() => rewards.PublishAsync(Tom, reward.Id)));
        await rewards.DecideGrantRewardAsync(Tom, reward.Id, 4000m);
        Assert.Equal(("not-published", "rewardId"), await RefusedAsync(() => rewards.RecordPaymentAsync(Tom, reward.Id, new DateOnly(2026, 3, 2), "V-1", null)));

        var published = await rewards.PublishAsync(Tom, reward.Id);
        Assert.Equal(h.Clock.GetUtcNow() + TimeSpan.FromDays(15), published.PublicationEndsAt);
        h.Clock.Advance(TimeSpan.FromDays(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(("publication-running", "rewardId"), await RefusedAsync(() => rewards.RecordPaymentAsync(Tom, reward.Id, new DateOnly(2026, 3, 17), "V-1", null)));
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var other = await h.SubmittedInventionAsync("Another");
        var foreign = await h.Attachments.UploadAsync(Alice, other.Id, "proof.txt", "text/plain", new MemoryStream("voucher"u8.ToArray()));
        Assert.Equal(("wrong-attachment", "paymentProofId"), await RefusedAsync(() => rewards.RecordPaymentAsync(Tom, reward.Id, new DateOnly(2026, 3, 17), "V-1", foreign.Id)));
        var proof = await h.Attachments.UploadAsync(Tom, invention.Id, "voucher.txt", "text/plain", new MemoryStream("bank transfer 42"u8.ToArray()));

        var paid = await rewards.RecordPaymentAsync(Tom, reward.Id, new DateOnly(2026, 3, 17), "V-1", proof.Id);
        Assert.Equal((RewardStatus.Paid, new DateOnly(2026, 3, 17)), (paid.Status, paid.PaidOn));
        var entries = await h.Evidence.EntriesAsync(invention.Id);
        Assert.Contains(entries, e => e.Action == "reward.published");
        Assert.Contains(entries, e => e.Action == "reward.paid" && e.Payload.Contains(proof.Sha256) && e.Payload.Contains("\"late\":false"));

        // The live rows say what the evidence says: an edited sum, amount or payment is reported.
        var pack = h.Get<TechTransfer.Evidence.EvidencePackService>();
        Assert.True((await pack.VerifyAsync(Tom, invention.Id)).Intact);
        foreach (var (tamper, undo, problem) in new[]
                 {
                     ("UPDATE tt_rewards SET total = 40000", "UPDATE tt_rewards SET total = 4000", "total"),
                     ("UPDATE tt_reward_shares SET amount = 2000 WHERE user_id = 'carol'", "UPDATE tt_reward_shares SET amount = 400 WHERE user_id = 'carol'", "amount of carol"),
                     ("UPDATE tt_rewards SET payment_reference = 'V-9'", "UPDATE tt_rewards SET payment_reference = 'V-1'", "payment reference"),
                 })
        {
            await h.ExecuteAsync(tamper);
            var verdict = await pack.VerifyAsync(Tom, invention.Id);
            Assert.False(verdict.Intact, tamper);
            Assert.Contains(problem, verdict.Problem);
            await h.ExecuteAsync(undo);
        }
        Assert.True((await pack.VerifyAsync(Tom, invention.Id)).Intact);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Remuneration_is_due_6_months_after_the_income_and_paid_only_once_the_technology_contract_is_registered(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var rewards = h.Get<RewardService>();
        var (invention, agreement) = await SignedAsync(h);
        var split = await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(100_000m, 0m, 0m, agreement.Id, ReceivedOn: new DateOnly(2026, 3, 1)));
        var reward = await rewards.GetAsync(Tom, split.RewardId!.Value);
        Assert.Equal((RewardKind.Remuneration, RewardStatus.Decided, 50_000m, new DateOnly(2026, 9, 1)), (reward.Kind, reward.Status, reward.Total, reward.PaymentDue));
        Assert.Equal(split.Shares.Select(s => (s.UserId, s.Amount)).Order(), reward.Shares.Select(s => (s.UserId, s.Amount)).Order());
        await rewards.PublishAsync(Tom, reward.Id);
        h.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(("contract-not-registered", "rewardId"), await RefusedAsync(() => rewards.RecordPaymentAsync(Tom, reward.Id, new DateOnly(2026, 3, 17), "V-2", null)));

        var certificate = await h.Attachments.UploadAsync(Tom, invention.Id, "registration.txt", "text/plain", new MemoryStream("技术合同登记证明"u8.ToArray()));
        Assert.Equal(("before-signing", "registeredOn"), await RefusedAsync(() => h.Agreements.RecordContractRegistrationAsync(Tom, agreement.Id, "3301012026000123", new DateOnly(2026, 2, 1), certificate.Id)));
        Assert.Equal(("required", "registrationNumber"), await RefusedAsync(() => h.Agreements.RecordContractRegistrationAsync(Tom, agreement.Id, " ", new DateOnly(2026, 3, 10), certificate.Id)));
        var registered = await h.Agreements.RecordContractRegistrationAsync(Tom, agreement.Id, "3301012026000123", new DateOnly(2026, 3, 10), certificate.Id);
        Assert.Equal(new DateOnly(2026, 3, 10), registered.ContractRegisteredOn);
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "agreement.contract-registered" && e.Payload.Contains(certificate.Sha256));
        Assert.Equal(RewardStatus.Paid, (await rewards.RecordPaymentAsync(Tom, reward.Id, new DateOnly(2026, 3, 17), "V-2", null)).Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Every_later_income_is_split_the_same_way_with_a_running_total_per_agreement(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var (invention, agreement) = await SignedAsync(h);
        await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(100_000m, 10_000m, 0m, agreement.Id));
        h.Clock.Advance(TimeSpan.FromDays(90));
        await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(20_000m, 0m, 1_000m, agreement.Id)); // a royalty
        h.Clock.Advance(TimeSpan.FromDays(90));
        await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(30_000.01m, 0m, 0m, agreement.Id));

        var total = Assert.Single(await h.Revenue.TotalsAsync(Bob, invention.Id));
        Assert.Equal((agreement.Id, 3, 150_000.01m, 139_000.01m), (total.AgreementId, total.Incomes, total.Income, total.NetIncome));
        Assert.Equal(45_000m + 9_500m + 15_000.01m, total.InventorPool); // each to the fen: 15,000.005 rounds away from zero
        Assert.Equal(0m, total.InventorsPaid);
        Assert.Equal(3, (await h.Get<RewardService>().ListAsync(Tom, invention.Id)).Count(r => r.Kind == RewardKind.Remuneration));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Zhejiang_staff_share_is_5_percent_of_the_reward_total_not_of_net_income(DatabaseProvider provider)
    {
        // Zhejiang 2021 (seed 003): 70% of net income to the people who made it; the staff's 5% is of that reward total.
        await using var h = await CreateAsync(provider, o =>
        {
            o.Revenue.InventorShare = 0.70m; o.Revenue.StaffShare = 0.05m; o.Revenue.StaffShareBase = StaffShareBase.RewardTotal;
        });
        var invention = await h.SubmittedInventionAsync();
        var split = await h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(100_000m, 0m, 0m));
        Assert.Equal(3_500m, split.StaffPool);         // 5% of 70,000, not 5% of 100,000
        Assert.Equal(66_500m, split.InventorPool);     // the rest of the reward total, by contribution shares
        Assert.Equal(30_000m, split.InstitutionShare); // the institution keeps what is not the reward total
        Assert.Equal(StaffShareBase.RewardTotal, split.StaffBase);
        Assert.Equal([39_900m, 19_950m, 6_650m], split.Shares.OrderByDescending(s => s.Amount).Select(s => s.Amount));
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "revenue.split" && e.Payload.Contains("\"staffBase\":\"reward-total\""));
    }

    private static async Task GrantAsync(DomainHarness h, Invention invention, string number)
    {
        await h.Inventions.RecordPatentApplicationAsync(Tom, invention.Id, "CN202610123456.7", new DateOnly(2025, 1, 10));
        await h.Inventions.RecordGrantAsync(Tom, invention.Id, number, Granted);
    }

    /// <summary>An invention licensed after an auction (signed on the harness's start day).</summary>
    internal static async Task<(Invention, Agreement)> SignedAsync(DomainHarness h)
    {
        var invention = await h.AcceptedInventionAsync();
        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 100_000m, null);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 100_000m);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, auction.Id);
        var agreement = await h.Agreements.SignAsync(Tom, invention.Id, new AgreementTerms(AgreementKind.OrdinaryLicence, "Acme Ltd", 100_000m,
            new DateOnly(2026, 3, 3), auction.Id));
        return (invention, agreement);
    }
}
