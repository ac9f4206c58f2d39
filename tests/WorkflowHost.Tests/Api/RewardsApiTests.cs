using System.Net;
using System.Text.Json;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The rewards and remuneration (奖励和报酬) over the real host: the reward on grant (its minimum, its 3 months, its
/// escalation), the 15-day publication before payment, the technology-contract registration before remuneration is paid,
/// and every later income (royalties) split the same way with a running total per agreement. The clock is advanced,
/// never waited.
/// </summary>
public sealed class RewardsApiTests
{
    /// <summary>Sign-ins that outlive the months these tests jump (a bearer sign-in lasts 30 days by default).</summary>
    private static readonly Dictionary<string, string> LongSignIns = new() { ["Sessions:TokenFamilyLifetime"] = "400.00:00:00" };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Reward_on_grant_is_at_least_the_minimum_published_15_days_then_paid_with_evidence(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync(granted: false);
        // A grant recorded long after filing opens the reward on grant and its process.
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/grant", new { patentNumber = "ZL202610123456.7", grantDate = host.Today });
        var reward = (await OkAsync(host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/rewards")).EnumerateArray().Single();
        Assert.Equal(("grant-reward", "due", 4000m, "invention"), (reward.GetProperty("kind").GetString(), reward.GetProperty("status").GetString(),
            reward.GetProperty("minimum").GetDecimal(), reward.GetProperty("patentKind").GetString()));
        Assert.Equal(DateOnly.Parse(host.Today).AddMonths(3).ToString("yyyy-MM-dd"), reward.GetProperty("paymentDue").GetString());
        var rewardId = reward.GetProperty("id").GetGuid();
        await host.WaitForStepAsync(id, "Task_DecideReward");

        var below = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/decision", new { total = 3999.99m });
        Assert.Contains("total", below.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/decision", new { total = 9000m });
        var decided = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/decision", new { total = 5000m });
        Assert.Equal("published", decided.GetProperty("status").GetString());
        var shares = decided.GetProperty("shares").EnumerateArray().ToDictionary(s => s.GetProperty("userId").GetString()!, s => s.GetProperty("amount").GetDecimal());
        Assert.Equal(3500m, shares[host.AliceUser.Id]); // 70%
        Assert.Equal(1500m, shares[host.BobUser.Id]);   // 30%

        var payment = new { paidOn = host.Today, paymentReference = "PAY-2026-0001" };
        var running = await ExpectAsync(HttpStatusCode.Conflict, host.Manager, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/payment", payment);
        Assert.Contains("published until", running.GetProperty("detail").GetString());
        host.Host.Clock.Advance(TimeSpan.FromDays(15) + TimeSpan.FromSeconds(1));
        await host.WaitForStepAsync(id, "Task_PayReward");
        var upload = TextFile("voucher.txt", "text/plain", "bank transfer 42");
        var proof = (await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", upload)).GetProperty("id").GetGuid();
        var paid = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/payment",
            new { paidOn = DateOnly.Parse(host.Today).ToString("yyyy-MM-dd"), paymentReference = "PAY-2026-0001", paymentProofId = proof });
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Superset(new HashSet<string> { "patent.granted", "reward.opened", "reward.decided", "reward.published", "reward.paid" },
            (await host.EvidenceActionsAsync(id)).ToHashSet());
        Assert.True((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification")).GetProperty("intact").GetBoolean());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Reward_on_grant_not_decided_in_time_goes_to_the_office_head(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider, LongSignIns);
        var id = await host.InventionReadyForTransferAsync(); // granted with the application: the main process throws reward-due
        await host.WaitForStepAsync(id, "Task_DecideReward");
        var rewardId = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/rewards")).EnumerateArray().Single().GetProperty("id").GetGuid();
        // 3 months after the grant, less the 15 days of publication: then it is overdue and handed up.
        host.Host.Clock.Advance(TimeSpan.FromDays(92) - TimeSpan.FromDays(15) + TimeSpan.FromDays(1));
        await host.WaitForStepAsync(id, "Task_DecisionOverdue");
        Assert.False(await host.StepOpenAsync(id, "Task_DecideReward"));
        await ExpectAsync(HttpStatusCode.Forbidden, host.Manager, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/decision", new { total = 4000m });
        var decided = await OkAsync(host.Head, HttpMethod.Post, $"/api/v1/rewards/{rewardId}/decision", new { total = 4000m });
        Assert.Equal(("published", host.HeadUser.Id), (decided.GetProperty("status").GetString(), decided.GetProperty("decidedBy").GetString()));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Royalties_after_the_first_income_are_split_the_same_way_with_a_running_total_and_paid_after_registration(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider, LongSignIns);
        var id = await host.InventionReadyForTransferAsync(granted: false);
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "agreement", reviewSubject = "Licence by agreement", price = 200000, counterparty = "Ningbo Optics Ltd.", valuationBasis = "Cost approach",
        });
        await host.ApproveAsync(review);
        await host.WaitForPricingAsync(id, "agreement", "open");
        await host.PassWindowAsync(id, "agreement");
        await host.WaitForStepAsync(id, "Task_Sign");
        var agreement = (await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today,
        })).GetProperty("id").GetGuid();
        // The technology-contract registration is a step of its own beside the recordal.
        await host.WaitForStepAsync(id, "Task_RegisterContract");
        var filing = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/agreements/{agreement}/filings"))[0].GetProperty("id").GetGuid();
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/filings/{filing}/submission", new { submittedOn = host.Today, filingReference = "LR-7" });
        await host.WaitForStepAsync(id, "Task_Decision");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/filings/{filing}/decision", new { filingAccepted = true, decidedOn = host.Today });
        await host.WaitForStepAsync(id, "Task_Income");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/income", new { income = 200000, costs = 10000, taxes = 10200 });
        await WaitForAsync("the process to end", async () => (await host.InventionAsync(id)).GetProperty("processStatus").GetString() == "completed");

        // A royalty months later: split the same way under the agreement, its own remuneration, and the running total.
        host.Host.Clock.Advance(TimeSpan.FromDays(60));
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/income", new { income = 50000, costs = 0, taxes = 3000 });
        var splits = (await OkAsync(host.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}/revenue")).EnumerateArray().ToList();
        Assert.Equal([89900m, 23500m], splits.Select(s => s.GetProperty("inventorPool").GetDecimal()));
        Assert.All(splits, s => Assert.Equal(agreement, s.GetProperty("agreementId").GetGuid()));
        var total = (await OkAsync(host.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}/revenue/totals")).EnumerateArray().Single();
        Assert.Equal((2, 250000m, 226800m, 113400m, 0m), (total.GetProperty("incomes").GetInt32(), total.GetProperty("income").GetDecimal(),
            total.GetProperty("netIncome").GetDecimal(), total.GetProperty("inventorPool").GetDecimal(), total.GetProperty("inventorsPaid").GetDecimal()));
        var remunerations = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/rewards")).EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == "remuneration").ToList();
        Assert.Equal(2, remunerations.Count);
        var first = remunerations[0].GetProperty("id").GetGuid();
        Assert.Equal(DateOnly.Parse(remunerations[0].GetProperty("openedAt").GetString()![..10]).AddMonths(6).ToString("yyyy-MM-dd"),
            remunerations[0].GetProperty("paymentDue").GetString()); // within 6 months of the income

        // Its publication is over (60 days passed), but the contract is not registered: no payment yet.
        await host.WaitForStepAsync(id, "Task_PayReward");
        var refused = await ExpectAsync(HttpStatusCode.Conflict, host.Manager, HttpMethod.Post, $"/api/v1/rewards/{first}/payment",
            new { paidOn = host.Today, paymentReference = "PAY-1" });
        Assert.Contains("技术合同认定登记", refused.GetProperty("detail").GetString());
        var certificate = (await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("registration.txt", "text/plain", "技术合同登记证明"))).GetProperty("id").GetGuid();
        var registered = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/agreements/{agreement}/contract-registration",
            new { registrationNumber = "3301012026000123", registeredOn = host.Today, registrationDocumentId = certificate });
        Assert.Equal(host.Today, registered.GetProperty("contractRegisteredOn").GetString());
        var paid = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/rewards/{first}/payment", new { paidOn = host.Today, paymentReference = "PAY-1" });
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        total = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/revenue/totals")).EnumerateArray().Single();
        Assert.Equal(89900m, total.GetProperty("inventorsPaid").GetDecimal());
        Assert.Contains("agreement.contract-registered", await host.EvidenceActionsAsync(id));

        // The dashboard's money per year: the contract by its signing, each income by the day it came, the payment by its day.
        var years = (await OkAsync(host.Head, HttpMethod.Get, "/api/v1/admin/statistics")).GetProperty("moneyPerYear").EnumerateArray().ToList();
        decimal Sum(string field) => years.Sum(y => y.GetProperty(field).GetDecimal());
        Assert.Equal((200000m, 1, 250000m, 89900m), (Sum("contractValue"), years.Sum(y => y.GetProperty("contracts").GetInt32()), Sum("income"), Sum("rewardsPaid")));
        var paidYear = years.Single(y => y.GetProperty("rewardsPaid").GetDecimal() > 0);
        Assert.Equal(DateOnly.Parse(host.Today).Year, paidYear.GetProperty("year").GetInt32());
    }
}
