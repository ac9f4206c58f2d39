using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using TechTransfer;
using WorkflowHost.Composition;
using WorkflowHost.Notifications;
using Workflows.Engine.Contracts;

using Workflows.Testing;

namespace WorkflowHost.Tests.Startup;

/// <summary>
/// A host keeps the national rules unless trial mode is asked for, whatever its environment; trial mode is one explicit
/// setting (<c>--trial</c>, <c>Trial:Enabled</c>) that shortens the windows and lowers the quorum, lets an operator's own
/// figure win, and marks every email. (The page banner is checked in a browser: WorkflowHost.UiTests' TrialModeTests.)
/// </summary>
public sealed class TrialModeTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task Without_trial_mode_a_host_keeps_the_national_rules(string environment)
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows) { EnvironmentName = environment };
        _ = host.Server;
        var rules = host.Services.GetRequiredService<TechTransferOptions>();
        Assert.False(host.Services.GetRequiredService<TrialMode>().Enabled);
        Assert.Equal(3, rules.Committee.Quorum);
        Assert.Equal(TimeSpan.FromDays(15), rules.Pricing.NoticeWindow);
        Assert.Null(rules.Pricing.ListingWindow);
        Assert.Equal(20, rules.Pricing.ListingWindowWorkingDays);
        Assert.Equal(TimeSpan.FromDays(1), rules.Pricing.AuctionWindow);
    }

    [Fact]
    public async Task Trial_mode_is_asked_for_explicitly_and_an_operators_own_figure_still_wins()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using (var trial = new HostFactory(data, workflows, new Dictionary<string, string> { [TrialMode.EnabledKey] = "true" }))
        {
            _ = trial.Server;
            var rules = trial.Services.GetRequiredService<TechTransferOptions>();
            Assert.True(trial.Services.GetRequiredService<TrialMode>().Enabled);
            Assert.Equal(1, rules.Committee.Quorum);
            Assert.Equal(TimeSpan.FromMinutes(2), rules.Pricing.NoticeWindow);
            Assert.Equal(TimeSpan.FromMinutes(2), rules.Pricing.ListingWindow);
            Assert.Equal(TimeSpan.FromMinutes(2), rules.Pricing.AuctionWindow);
        }
        await using var mine = new HostFactory(data, workflows, new Dictionary<string, string>
        {
            [TrialMode.EnabledKey] = "true", ["TechTransfer:Committee:Quorum"] = "2",
        });
        _ = mine.Server;
        Assert.Equal(2, mine.Services.GetRequiredService<TechTransferOptions>().Committee.Quorum);
        Assert.Equal(TimeSpan.FromMinutes(2), mine.Services.GetRequiredService<TechTransferOptions>().Pricing.NoticeWindow);
    }

    [Fact]
    public void The_trial_switch_on_the_command_line_is_trial_mode()
    {
        var args = TrialMode.ExpandSwitch(["--urls", "http://127.0.0.1:5080", "--trial"]);
        var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
        Assert.True(configuration.GetValue<bool>(TrialMode.EnabledKey));
        Assert.Equal("http://127.0.0.1:5080", configuration["urls"]);
        Assert.False(new ConfigurationBuilder().AddCommandLine(TrialMode.ExpandSwitch(["--urls", "x"])).Build().GetValue<bool>(TrialMode.EnabledKey));
    }

    [Fact]
    public async Task Every_email_of_a_trial_host_says_so_in_its_readers_language()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows, new Dictionary<string, string> { [TrialMode.EnabledKey] = "true" });
        _ = host.Server;
        var users = host.Services.GetRequiredService<IUserDirectory>();
        await users.SaveAsync(new UserContact("li", "李老师", "li@example.edu", "zh-CN", Digest: false), [WorkflowHost.Identity.Roles.TechnologyManager], default);
        await users.SaveAsync(new UserContact("tom", "Tom", "tom@example.edu", "en", Digest: false), [WorkflowHost.Identity.Roles.TechnologyManager], default);
        var runtime = host.Services.GetRequiredService<IWorkflowRuntime>();
        await runtime.PublishAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Email", "disclosure-screening.bpmn")), "test");
        await runtime.StartAsync(new StartRequest { ProcessId = "disclosure_screening", BusinessKey = "INV-TRIAL-1" });

        var pickup = Path.Combine(data, "mail");
        await Eventually.HoldsAsync("two emails in the pickup folder", () => Directory.Exists(pickup) && Directory.GetFiles(pickup, "*.eml").Length >= 2);
        var mails = Directory.GetFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).ToDictionary(m => m.To.Mailboxes.Single().Address);
        Assert.Equal(["li@example.edu", "tom@example.edu"], mails.Keys.Order());
        Assert.StartsWith("【演示模式】", mails["li@example.edu"].Subject);
        Assert.StartsWith("演示模式：", mails["li@example.edu"].TextBody);
        Assert.Contains("演示模式：", mails["li@example.edu"].HtmlBody);
        Assert.Contains("INV-TRIAL-1", mails["li@example.edu"].Subject);
        Assert.StartsWith("[Trial mode] ", mails["tom@example.edu"].Subject);
        Assert.StartsWith("Trial mode: ", mails["tom@example.edu"].TextBody);
        Assert.Contains("Trial mode: ", mails["tom@example.edu"].HtmlBody);
    }
}
