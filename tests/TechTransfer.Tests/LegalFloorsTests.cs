namespace TechTransfer.Tests;

public sealed class LegalFloorsTests
{
    [Fact]
    public void The_national_defaults_and_Zhejiangs_figures_are_within_every_floor()
    {
        Assert.Empty(LegalFloors.Check(new TechTransferOptions()));
        var zhejiang = new TechTransferOptions();
        zhejiang.Revenue.InventorShare = 0.70m;
        zhejiang.Revenue.StaffShare = 0.05m;
        zhejiang.Revenue.StaffShareBase = TechTransfer.Rewards.StaffShareBase.RewardTotal;
        Assert.Empty(LegalFloors.Check(zhejiang));
    }

    public static TheoryData<string, string, Action<TechTransferOptions>> BelowTheFloor => new()
    {
        { "Pricing:NoticeWindow", "15 days", o => o.Pricing.NoticeWindow = TimeSpan.FromDays(14) },
        { "Rewards:PublicationWindow", "15 days", o => o.Rewards.PublicationWindow = TimeSpan.FromDays(10) },
        { "Revenue:InventorShare", "50%", o => o.Revenue.InventorShare = 0.49m },
        { "Rewards:InventionPatentMinimum", "4,000 yuan", o => o.Rewards.InventionPatentMinimum = 3000m },
        { "Rewards:UtilityModelMinimum", "1,500 yuan", o => o.Rewards.UtilityModelMinimum = 1000m },
        { "Rewards:DesignMinimum", "1,500 yuan", o => o.Rewards.DesignMinimum = 1499.99m },
        { "Rewards:GrantRewardMonths", "3 months", o => o.Rewards.GrantRewardMonths = 4 },
        { "Licensing:RecordalMonths", "3 months", o => o.Licensing.RecordalMonths = 6 },
        { "Committee:Quorum", "minimum quorum of 3", o => o.Committee.Quorum = 2 },
    };

    [Theory, MemberData(nameof(BelowTheFloor))]
    public void A_figure_below_its_floor_is_named_with_its_rule(string key, string rule, Action<TechTransferOptions> configure)
    {
        var options = new TechTransferOptions();
        configure(options);
        var breach = Assert.Single(LegalFloors.Check(options));
        Assert.Equal(key, breach.Key);
        Assert.StartsWith($"TechTransfer:{key} is ", breach.ToString());
        Assert.Contains(rule, breach.Rule);
    }
}
