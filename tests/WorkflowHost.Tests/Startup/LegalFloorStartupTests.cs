using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowHost.Composition;

namespace WorkflowHost.Tests.Startup;

/// <summary>
/// A host outside a trial refuses to start with a figure below its legal floor, naming the key and the rule; a trial may
/// go below them, and then says so on every page.
/// </summary>
public sealed class LegalFloorStartupTests
{
    public static TheoryData<string, string, string> BelowTheFloor => new()
    {
        { "TechTransfer:Pricing:NoticeWindow", "14.00:00:00", "at least 15 days" },
        { "TechTransfer:Rewards:PublicationWindow", "7.00:00:00", "published for at least 15 days" },
        { "TechTransfer:Revenue:InventorShare", "0.4", "at least 50% of net income" },
        { "TechTransfer:Rewards:InventionPatentMinimum", "3000", "at least 4,000 yuan per invention patent" },
        { "TechTransfer:Rewards:UtilityModelMinimum", "1000", "at least 1,500 yuan per utility model" },
        { "TechTransfer:Rewards:DesignMinimum", "1000", "at least 1,500 yuan per design" },
        { "TechTransfer:Licensing:RecordalMonths", "4", "within 3 months of the contract taking effect" },
        { "TechTransfer:Committee:Quorum", "2", "minimum quorum of 3" },
        { "TechTransfer:Committee:MinimumQuorum", "5", "minimum quorum of 5" }, // the institution's own rule, above the quorum set
    };

    [Theory, MemberData(nameof(BelowTheFloor))]
    public async Task Production_refuses_to_start_with_a_figure_below_its_floor_naming_the_key_and_the_rule(string key, string value, string rule)
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string> { [key] = value }) { EnvironmentName = "Production" };
        var refused = Assert.Throws<OptionsValidationException>(() => host.Server);
        var named = key == "TechTransfer:Committee:MinimumQuorum" ? "TechTransfer:Committee:Quorum" : key;
        Assert.Contains(named + " is ", refused.Message);
        Assert.Contains(rule, refused.Message);
        Assert.Contains("--trial", refused.Message);
    }

    [Fact]
    public async Task A_trial_may_go_below_the_floors_and_says_so_on_every_page()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string>
        {
            [TrialMode.EnabledKey] = "true", ["TechTransfer:Rewards:PublicationWindow"] = "00:02:00", ["TechTransfer:Revenue:InventorShare"] = "0.3",
        }) { EnvironmentName = "Production" };
        var client = host.CreateClient();
        var page = await client.GetStringAsync("/account/login");
        Assert.Contains("data-testid=\"trial-banner\"", page);
        Assert.Equal(TimeSpan.FromMinutes(2), host.Services.GetRequiredService<TechTransfer.TechTransferOptions>().Rewards.PublicationWindow);
    }
}
