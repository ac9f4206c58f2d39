using System.Net;
using System.Text.Json;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// One invention through the shipped workflows by the domain endpoints, over HTTP, on SQLite and PostgreSQL: the tour's
/// path, and the rules that must hold on the way (a notice window runs its course, an objection holds the signature, an
/// auction without a valid bid fails cleanly, a passed deadline escalates).
/// </summary>
public sealed class InventionJourneyTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Invention_goes_from_disclosure_through_listing_and_auction_to_a_recorded_licence_and_revenue_split(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuation = 120000, valuationBasis = "Income approach",
        });
        await host.ApproveAsync(review);

        var listing = await host.WaitForPricingAsync(id, "listing", "open");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{listing}/interest", new { party = "Hangzhou Photonics Co." });
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{listing}/interest", new { party = "Ningbo Optics Ltd." });
        await host.PassWindowAsync(id, "listing"); // 20 working days
        var auction = await host.WaitForPricingAsync(id, "auction", "open");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{auction}/bids", new { bidder = "Hangzhou Photonics Co.", amount = 150000 });
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{auction}/bids", new { bidder = "Ningbo Optics Ltd.", amount = 180000 });
        var bids = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{auction}/bids", new { bidder = "Unknown Corp.", amount = 990000 });
        Assert.Single(bids.GetProperty("bids").EnumerateArray(), b => !b.GetProperty("valid").GetBoolean()); // not a qualified party

        await host.PassWindowAsync(id, "auction");
        await host.WaitForPricingAsync(id, "auction", "concluded");
        await host.WaitForStepAsync(id, "Task_Sign");
        var agreement = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 180000, effectiveDate = host.Today,
        });
        var agreementId = agreement.GetProperty("id").GetGuid();
        await host.WaitForStepAsync(id, "Task_File");
        var filing = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/agreements/{agreementId}/filings"))[0];
        Assert.Equal("licence-recordal", filing.GetProperty("kind").GetString());
        Assert.Equal(DateOnly.Parse(host.Today).AddMonths(3).ToString("yyyy-MM-dd"), filing.GetProperty("dueDate").GetString());
        var filingId = filing.GetProperty("id").GetGuid();
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/filings/{filingId}/submission", new { submittedOn = host.Today, filingReference = "LR-42" });
        await host.WaitForStepAsync(id, "Task_Decision");
        var decided = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/filings/{filingId}/decision", new { filingAccepted = true, decidedOn = host.Today });
        Assert.Equal("accepted", decided.GetProperty("status").GetString());

        await host.WaitForStepAsync(id, "Task_Income");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/income", new { income = 180000, costs = 10000, taxes = 10200 });
        var split = (await OkAsync(host.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}/revenue"))[0];
        Assert.Equal(159800m, split.GetProperty("netIncome").GetDecimal());
        Assert.Equal(79900m, split.GetProperty("inventorPool").GetDecimal());
        var shares = split.GetProperty("shares").EnumerateArray().ToDictionary(s => s.GetProperty("userId").GetString()!, s => s.GetProperty("amount").GetDecimal());
        Assert.Equal(55930m, shares[host.AliceUser.Id]);
        Assert.Equal(23970m, shares[host.BobUser.Id]);

        await WaitForAsync("the process to end", async () => (await host.InventionAsync(id)).GetProperty("processStatus").GetString() == "completed");
        Assert.True((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence/verification")).GetProperty("intact").GetBoolean());
        var actions = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray()
            .Select(e => e.GetProperty("action").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "disclosure.submitted", "assessment.decided", "committee.closed", "auction.bid", "agreement.signed", "filing.decided", "revenue.split" }, actions);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task Signing_before_the_public_notice_window_ends_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider); // the notice runs for 15 days
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "agreement", reviewSubject = "Licence by agreement", price = 200000, counterparty = "Ningbo Optics Ltd.", valuationBasis = "Cost approach",
        });
        await host.ApproveAsync(review);
        var notice = await host.WaitForPricingAsync(id, "agreement", "open");

        var (status, problem) = await SendAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", new
        {
            agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today,
        });
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("notice-running", problem.GetProperty("code").GetString());
        Assert.Empty((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/agreements")).EnumerateArray());
        Assert.Equal("open", (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/pricing/{notice}")).GetProperty("record").GetProperty("status").GetString());
        Assert.False(await host.StepOpenAsync(id, "Task_Sign"));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_objection_stops_signing_until_the_office_resolves_it(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "agreement", reviewSubject = "Licence by agreement", price = 200000, counterparty = "Ningbo Optics Ltd.", valuationBasis = "Cost approach",
        });
        await host.ApproveAsync(review);
        var notice = await host.WaitForPricingAsync(id, "agreement", "open");
        // Anyone signed in may object to a running notice: here an inventor of another invention.
        var objection = await ExpectAsync(HttpStatusCode.Created, host.Carol, HttpMethod.Post, $"/api/v1/pricing/{notice}/objections",
            new { text = "The price ignores the 2025 market study." });
        var objectionId = objection.GetProperty("id").GetGuid();

        var sign = new { agreementKind = "exclusive-licence", counterparty = "Ningbo Optics Ltd.", consideration = 200000, effectiveDate = host.Today };
        var (status, problem) = await SendAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", sign);
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("objection-open", problem.GetProperty("code").GetString());

        await host.PassWindowAsync(id, "agreement"); // the 15-day notice ends with the objection open
        await host.WaitForStepAsync(id, "Task_Investigate");
        (status, problem) = await SendAsync(host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", sign);
        Assert.Equal(HttpStatusCode.Conflict, status); // the window is over, the objection is not
        Assert.Equal("objection-open", problem.GetProperty("code").GetString());
        // Only the office decides it.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(host.Carol, HttpMethod.Post,
            $"/api/v1/pricing/{notice}/objections/{objectionId}/resolve", new { upheld = false, resolution = "x" })).Status);

        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{notice}/objections/{objectionId}/resolve",
            new { upheld = false, resolution = "The study was considered; the price stands." });
        await host.WaitForStepAsync(id, "Task_Sign");
        await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/agreement", sign);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_auction_without_a_valid_bid_fails_cleanly_back_to_the_office(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var review = await host.PrepareAsync(id, new
        {
            pricingMethod = "auction", reviewSubject = "Auction", basePrice = 100000, valuationBasis = "Market approach",
        });
        await host.ApproveAsync(review);
        var auction = await host.WaitForPricingAsync(id, "auction", "open");
        var bids = await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{auction}/bids", new { bidder = "Cheap Corp.", amount = 50000 });
        Assert.False(bids.GetProperty("bids")[0].GetProperty("valid").GetBoolean());

        await host.PassWindowAsync(id, "auction");
        await host.WaitForPricingAsync(id, "auction", "failed");
        await host.WaitForStepAsync(id, "Task_Failed");
        var invention = await host.InventionAsync(id);
        Assert.Equal("running", invention.GetProperty("processStatus").GetString());
        var incidents = await OkAsync(host.Admin, HttpMethod.Get, "/api/v1/incidents");
        Assert.Equal(0, incidents.ValueKind == JsonValueKind.Array ? incidents.GetArrayLength() : incidents.GetProperty("total").GetInt32());
        Assert.Empty((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/agreements")).EnumerateArray());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_chair_who_does_not_close_by_the_deadline_is_escalated_to_the_office_head(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider); // 10 days to vote, then 3 to close
        var id = await host.InventionReadyForTransferAsync();
        await host.PrepareAsync(id, new
        {
            pricingMethod = "listing", reviewSubject = "Licence by listing", basePrice = 100000, valuationBasis = "Income approach",
        });
        // Nobody votes: the voting deadline ends the vote, the chair is asked to close and does not.
        host.Host.Clock.Advance(TimeSpan.FromDays(10));
        await host.WaitForStepAsync(id, "Task_Close");
        host.Host.Clock.Advance(TimeSpan.FromDays(3));
        await WaitForAsync("the escalation to the office head", async () => (await OkAsync(host.Head, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Chase"));
        Assert.True(await host.StepOpenAsync(id, "Task_Close")); // non-interrupting: the chair can still close
    }
}
