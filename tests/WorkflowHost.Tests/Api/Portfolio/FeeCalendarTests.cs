using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechTransfer.Processes;
using WorkflowHost.Application.Portfolio;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api.Portfolio;

/// <summary>
/// The annual-fee calendar over the real HTTP stack, on the host's clock: the keep-or-abandon decision opens the lead time
/// before a fee is due (once), the inventor with an account gives a view in the inbox (emailed, reminded), the office
/// decides with it and the college's view, the decision is in the patent's evidence; the fee is paid and the next one
/// falls due a year on; an unpaid fee moves the patent into its grace period, an undecided one goes to the office head,
/// and after the grace period the patent lapses.
/// </summary>
public sealed class FeeCalendarTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Before_a_fee_is_due_the_inventors_view_is_asked_and_the_office_decides_into_the_evidence(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var today = DateOnly.Parse(host.Today);
        // alice has an account (her display name), 王明 has none.
        await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(PortfolioFiles.OnePatentDueIn(today, 60, "alice；王明")));
        var patent = (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/patents")).GetProperty("items")[0];
        var id = patent.GetProperty("id").GetGuid();
        var number = patent.GetProperty("number").GetString()!;
        var due = today.AddDays(60).ToString("yyyy-MM-dd");
        Assert.Equal(due, patent.GetProperty("nextFeeDue").GetString());
        Assert.Equal([host.AliceUser.Id, null], patent.GetProperty("inventors").EnumerateArray().Select(i => i.GetProperty("userId").GetString()));
        var entry = (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/fee-calendar")).EnumerateArray().Single();
        Assert.Equal((due, today.AddDays(60).AddMonths(6).ToString("yyyy-MM-dd"), false), (entry.GetProperty("due").GetString(), entry.GetProperty("graceEnds").GetString(),
            entry.GetProperty("decisionOpened").GetBoolean()));

        var sweep = host.Host.Services.GetRequiredService<FeeCalendarSweep>();
        Assert.Equal((0, 1), await sweep.RunAsync());
        Assert.Equal((0, 0), await sweep.RunAsync()); // once per patent and due

        // The inventor with an account is asked (her inbox, an email); the office waits for her view.
        var view = await WaitForTaskAsync(host.Alice, number, ShippedProcesses.PatentFeeDecision.InventorView);
        await WaitForAsync("alice's email", () => Task.FromResult(Emails(host).Any(e => e.Contains("alice@example.edu") && e.Contains("patent", StringComparison.OrdinalIgnoreCase))));
        await ExpectAsync(HttpStatusCode.Conflict, host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-decision",
            new { feeDecision = "keep", decisionReason = "Licensed to a battery maker." });
        await OkAsync(host.Alice, HttpMethod.Post, $"/api/v1/tasks/{view}/complete", new
        {
            variables = new { inventorOpinion = "keep", inventorReason = "正在与一家电池企业洽谈许可。" },
        });

        // The office decides with both views; the reason is required.
        await WaitForTaskAsync(host.Manager, number, ShippedProcesses.PatentFeeDecision.Decide);
        var missing = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-decision", new { feeDecision = "keep" });
        Assert.Contains("decisionReason", missing.GetProperty("errors").EnumerateObject().Select(p => p.Name).Single());
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-decision", new
        {
            feeDecision = "keep", decisionReason = "许可洽谈进行中，维持。", collegeOpinion = "keep", collegeReason = "学院支持维持。",
        });
        await WaitForAsync("the decision", async () =>
            (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/portfolio/patents/{id}")).GetProperty("feeDecision").GetString() == "keep");
        var evidence = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/portfolio/patents/{id}/evidence")).EnumerateArray().ToList();
        Assert.Equal(["fee-decision.opened", "fee-decision.taken"], evidence.Select(e => e.GetProperty("action").GetString()));
        var taken = JsonDocument.Parse(evidence[1].GetProperty("payload").GetString()!).RootElement;
        Assert.Equal(("keep", "keep", "正在与一家电池企业洽谈许可。", "keep", due), (taken.GetProperty("decision").GetString(), taken.GetProperty("inventorView").GetString(),
            taken.GetProperty("inventorReason").GetString(), taken.GetProperty("collegeView").GetString(), taken.GetProperty("due").GetString()));
        Assert.Equal(host.ManagerUser.Id, taken.GetProperty("actedBy").GetProperty("userId").GetString());

        // The fee is paid: the next falls due a year on; the same payment again changes nothing; another due is refused.
        var paid = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-payments", new { due, paidOn = host.Today, reference = "国家知识产权局缴费收据 2026-0001" });
        Assert.Equal(today.AddDays(60).AddYears(1).ToString("yyyy-MM-dd"), paid.GetProperty("nextFeeDue").GetString());
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-payments", new { due, paidOn = host.Today });
        var wrong = await ExpectAsync(HttpStatusCode.Conflict, host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-payments",
            new { due = today.AddYears(3).ToString("yyyy-MM-dd"), paidOn = host.Today });
        Assert.Equal("not-the-fee-due", wrong.GetProperty("code").GetString());
        await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-payments", new { due, paidOn = "31/12/2026" });
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_undecided_fee_goes_to_the_office_head_and_an_unpaid_one_lapses_after_the_grace_period(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var today = DateOnly.Parse(host.Today);
        // One patent due in 40 days (nobody on it has an account: the office decides alone), one whose fee went unpaid 170 days ago.
        await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(PortfolioFiles.OnePatentDueIn(today, 40, "王明；李娜")));
        await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(
            PortfolioFiles.OnePatentDueIn(today, -170, "赵强", number: "ZL201810345678", title: "一种桥梁健康监测装置", status: "等年费滞纳金")));
        var patents = (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/patents")).GetProperty("items").EnumerateArray().ToList();
        var due = patents.Single(p => p.GetProperty("legalStatus").GetString() == "valid");
        var unpaid = patents.Single(p => p.GetProperty("legalStatus").GetString() == "grace-period");
        Assert.Equal(today.AddDays(-170).ToString("yyyy-MM-dd"), unpaid.GetProperty("nextFeeDue").GetString());
        var id = due.GetProperty("id").GetGuid();
        var number = due.GetProperty("number").GetString()!;
        var sweep = host.Host.Services.GetRequiredService<FeeCalendarSweep>();
        Assert.Equal((0, 1), await sweep.RunAsync()); // no decision for a fee already past its due date
        await WaitForTaskAsync(host.Manager, number, ShippedProcesses.PatentFeeDecision.Decide);

        // The decision deadline (30 days before the due date by default) passes: the office head decides.
        host.Host.Clock.Advance(TimeSpan.FromDays(11));
        await WaitForTaskAsync(host.Head, number, ShippedProcesses.PatentFeeDecision.DecideOverdue);
        await OkAsync(host.Head, HttpMethod.Post, $"/api/v1/portfolio/patents/{id}/fee-decision",
            new { feeDecision = "abandon", decisionReason = "十年未实施，无许可意向，放弃。", collegeOpinion = "none" });
        await WaitForAsync("the decision", async () =>
            (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/portfolio/patents/{id}")).GetProperty("feeDecision").GetString() == "abandon");

        // A month on: the abandoned fee is unpaid past its due date (grace period); the other's six months have run (lapsed).
        host.Host.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(2, (await sweep.RunAsync()).StatusChanges);
        // A month on, the office signs in again (the token family of the first session has run out).
        using var manager = await host.Host.SignInAsync(host.ManagerUser.Email, host.ManagerUser.Password);
        Assert.Equal("grace-period", (await OkAsync(manager, HttpMethod.Get, $"/api/v1/portfolio/patents/{id}")).GetProperty("legalStatus").GetString());
        var lapsedId = unpaid.GetProperty("id").GetGuid();
        var lapsed = await OkAsync(manager, HttpMethod.Get, $"/api/v1/portfolio/patents/{lapsedId}");
        Assert.Equal(("lapsed", JsonValueKind.Null), (lapsed.GetProperty("legalStatus").GetString(), lapsed.GetProperty("nextFeeDue").ValueKind));
        var refused = await ExpectAsync(HttpStatusCode.Conflict, manager, HttpMethod.Post, $"/api/v1/portfolio/patents/{lapsedId}/fee-payments",
            new { due = today.AddDays(-170).ToString("yyyy-MM-dd"), paidOn = host.Today });
        Assert.Equal("lapsed", refused.GetProperty("code").GetString());
        Assert.Equal(["fee-decision.opened", "fee-decision.taken", "patent.fee-overdue"], await ActionsAsync(manager, id));
        Assert.Equal(["patent.lapsed"], await ActionsAsync(manager, lapsedId));
    }

    private static async Task<List<string?>> ActionsAsync(HttpClient office, Guid id) =>
        (await OkAsync(office, HttpMethod.Get, $"/api/v1/portfolio/patents/{id}/evidence")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();

    private static async Task<Guid> WaitForTaskAsync(HttpClient client, string number, string elementId)
    {
        Guid id = default;
        await WaitForAsync($"task {elementId}", async () =>
        {
            var page = await OkAsync(client, HttpMethod.Get, $"/api/v1/tasks?businessKey={Uri.EscapeDataString(number)}&elementId={elementId}");
            var items = page.GetProperty("items");
            if (items.GetArrayLength() == 0) return false;
            id = items[0].GetProperty("id").GetGuid();
            return true;
        });
        return id;
    }

    private static IEnumerable<string> Emails(DomainApiHost host)
    {
        var mail = Path.Combine(host.DataPath, "mail");
        return Directory.Exists(mail)
            ? Directory.EnumerateFiles(mail, "*.eml", SearchOption.AllDirectories).Select(f => MimeKit.MimeMessage.Load(f)).Select(m => $"{m.To}\n{m.Subject}\n{m.TextBody}")
            : [];
    }
}
