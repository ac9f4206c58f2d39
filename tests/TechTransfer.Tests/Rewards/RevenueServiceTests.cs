using TechTransfer.Rewards;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Rewards;

public sealed class RevenueServiceTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Revenue_split_70_percent_rule_with_rounding(DatabaseProvider provider)
    {
        // Zhejiang: at least 70% to the inventors, 5% to the transfer staff.
        await using var h = await CreateAsync(provider, o => { o.Revenue.InventorShare = 0.70m; o.Revenue.StaffShare = 0.05m; });
        var draft = await h.Inventions.CreateDraftAsync(Alice, CompleteDraft("Split",
            new("alice", "Alice", 33.33m), new("bob", "Bob", 33.33m), new("carol", "Carol", 33.34m)));
        await h.Inventions.SubmitAsync(Alice, draft.Id);

        var split = await h.Revenue.SplitAsync(Tom, draft.Id, new IncomeRecord(Income: 100_000.01m, Costs: 1_000m, Taxes: 5_660.00m));

        Assert.Equal(93_340.01m, split.NetIncome);
        Assert.Equal(65_338.01m, split.InventorPool);       // 70% of 93,340.01 = 65,338.007 -> to the fen
        Assert.Equal(4_667.00m, split.StaffPool);           // 5% = 4,667.0005
        Assert.Equal(split.NetIncome - split.InventorPool - split.StaffPool, split.InstitutionShare);
        var shares = split.Shares.OrderBy(s => s.UserId).ToDictionary(s => s.UserId, s => s.Amount);
        // 33.33% of 65,338.01 = 21,777.158733 (x2), 33.34% = 21,783.692534: floors 21,777.15 + 21,777.15 + 21,783.69 = 65,337.99;
        // the two fens left go to the largest remainders (alice and bob, .0087 each, before carol's .0025).
        Assert.Equal(21_777.16m, shares["alice"]);
        Assert.Equal(21_777.16m, shares["bob"]);
        Assert.Equal(21_783.69m, shares["carol"]);
        Assert.Equal(split.InventorPool, split.Shares.Sum(s => s.Amount));
        Assert.Single(await h.Revenue.ListAsync(Carol, draft.Id));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Inventors_never_get_less_than_the_configured_share(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Revenue.InventorShare = 0.70m);
        var invention = await h.SubmittedInventionAsync();
        var refused = await Assert.ThrowsAsync<TechTransferException>(() =>
            h.Revenue.SplitAsync(Tom, invention.Id, new IncomeRecord(1000m, 0m, 0m, InventorRate: 0.5m)));
        Assert.Equal("below-minimum-share", refused.Code);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Revenue.SplitAsync(Alice, invention.Id, new IncomeRecord(1000m, 0m, 0m)));
    }

    [Fact]
    public void Remainder_fens_go_deterministically_to_the_largest_remainders_then_disclosure_order()
    {
        var people = new[] { new RevenueCalculator.Person("a", 50m, 0), new RevenueCalculator.Person("b", 25m, 1), new RevenueCalculator.Person("c", 25m, 2) };
        var result = RevenueCalculator.Split(0.05m, 0m, 0m, 1m, 0m, people);
        // 0.025, 0.0125, 0.0125 -> floors 0.02, 0.01, 0.01; one fen left: a has remainder .005, b and c .0025.
        Assert.Equal([("a", 0.03m), ("b", 0.01m), ("c", 0.01m)], result.Amounts);
        var tie = RevenueCalculator.Split(0.01m, 0m, 0m, 1m, 0m, [new("x", 50m, 0), new("y", 50m, 1)]);
        Assert.Equal([("x", 0.01m), ("y", 0m)], tie.Amounts);
    }
}
