using TechTransfer.Portfolio;
using TechTransfer.Portfolio.Campaigns;

namespace TechTransfer.Tests.Portfolio;

/// <summary>The campaign's rules without a store: the scope, the weighted score and its tier, the seeds' five-year rule, the pool's IPC key.</summary>
public sealed class CampaignGradingTests
{
    private static readonly CampaignOptions Defaults = new();
    private static readonly DateOnly Today = new(2026, 12, 7);

    private static Patent Funded(DateOnly granted, int transfers = 0, int licences = 0, bool funded = true) => new()
    {
        Number = "ZL201510567890.1", Title = "一种废水深度处理装置", GrantDate = granted, FilingDate = granted.AddYears(-2), LegalStatus = PatentLegalStatus.Valid,
        FiscallyFunded = funded, Transfers = transfers, Licences = licences, College = "化学与化工学院",
    };

    [Fact]
    public void The_scope_takes_patents_in_force_of_its_college_and_unconverted_unless_asked()
    {
        var patent = Funded(Today.AddYears(-2));
        Assert.True(CampaignGrading.InScope(patent, null, includeConverted: false));
        Assert.True(CampaignGrading.InScope(patent, "化学与化工学院", includeConverted: false));
        Assert.False(CampaignGrading.InScope(patent, "机械工程学院", includeConverted: false));
        var licensed = Funded(Today.AddYears(-2), licences: 1);
        Assert.False(CampaignGrading.InScope(licensed, null, includeConverted: false));
        Assert.True(CampaignGrading.InScope(licensed, null, includeConverted: true));
        Assert.False(CampaignGrading.InScope(new Patent { LegalStatus = PatentLegalStatus.GracePeriod }, null, includeConverted: true));
    }

    [Fact]
    public void The_weighted_score_earns_the_highest_tier_it_reaches()
    {
        var scores = new Dictionary<string, int> { ["technical-maturity"] = 5, ["market-demand"] = 4, ["legal-stability"] = 4, ["application-breadth"] = 4 };
        var score = CampaignGrading.Score(Defaults.Criteria, scores);
        Assert.Equal(4.3m, score);
        Assert.Equal("A", CampaignGrading.TierOf(Defaults.Tiers, score).Key);
        Assert.Equal("B", CampaignGrading.TierOf(Defaults.Tiers, 3.99m).Key);
        Assert.Equal("D", CampaignGrading.TierOf(Defaults.Tiers, 1m).Key);
    }

    [Fact]
    public void A_missing_unknown_or_out_of_range_score_is_refused_by_its_criterion()
    {
        var full = new Dictionary<string, int> { ["technical-maturity"] = 3, ["market-demand"] = 3, ["legal-stability"] = 3, ["application-breadth"] = 3 };
        Assert.Equal("application-breadth", Assert.Throws<TechTransferException>(() =>
            CampaignGrading.Score(Defaults.Criteria, full.Where(kv => kv.Key != "application-breadth").ToDictionary())).Field);
        Assert.Equal("market-demand", Assert.Throws<TechTransferException>(() =>
            CampaignGrading.Score(Defaults.Criteria, new Dictionary<string, int>(full) { ["market-demand"] = 0 })).Field);
        Assert.Equal("beauty", Assert.Throws<TechTransferException>(() =>
            CampaignGrading.Score(Defaults.Criteria, new Dictionary<string, int>(full) { ["beauty"] = 3 })).Field);
    }

    [Fact]
    public void A_funded_patent_granted_over_five_years_ago_never_implemented_without_a_reason_is_flagged()
    {
        Assert.True(CampaignGrading.IsIdleFunded(Funded(Today.AddYears(-5).AddDays(-1)), Today, 5));
        Assert.False(CampaignGrading.IsIdleFunded(Funded(Today.AddYears(-5)), Today, 5)); // five years to the day: not more
        Assert.False(CampaignGrading.IsIdleFunded(Funded(Today.AddYears(-8), funded: false), Today, 5));
        Assert.False(CampaignGrading.IsIdleFunded(Funded(Today.AddYears(-8), licences: 1), Today, 5));
        Assert.False(CampaignGrading.IsIdleFunded(Funded(Today.AddYears(-8), transfers: 1), Today, 5));
        Assert.False(CampaignGrading.IsIdleFunded(Funded(Today.AddYears(-8)), Today, 5, "等待配套产业化设备，2027年试产。"));
        Assert.False(CampaignGrading.IsIdleFunded(new Patent { FiscallyFunded = true }, Today, 5)); // not granted
    }

    [Fact]
    public void The_pool_is_keyed_by_the_main_IPC_subclass()
    {
        Assert.Equal("H01M", CampaignGrading.IpcSubclass("H01M 4/38; H01M 10/05"));
        Assert.Equal("G06F", CampaignGrading.IpcSubclass(" g06f 17/30 "));
        Assert.Null(CampaignGrading.IpcSubclass(null));
    }

    [Fact]
    public void A_configuration_without_criteria_or_a_reachable_tier_is_refused()
    {
        Assert.Empty(Defaults.Problems());
        Assert.Contains(new CampaignOptions { Criteria = [] }.Problems(), p => p.Key == "Portfolio:Campaign:Criteria");
        Assert.Contains(new CampaignOptions { Tiers = [new GradeTier { Key = "A", MinScore = 4 }] }.Problems(), p => p.Key == "Portfolio:Campaign:Tiers");
    }
}
