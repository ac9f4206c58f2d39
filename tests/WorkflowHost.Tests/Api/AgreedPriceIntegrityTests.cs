using System.Net;
using System.Text.Json;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// No way round the agreed price (issue 14), over the real HTTP stack: after an auction concluded at 180,000 yuan with
/// one company, the signing step accepted an open licence to another party for 1 yuan. Every agreement must be the
/// concluded pricing's (its counterparty, at least its price, once) and an open licence is taken only under a
/// declaration: each way round it, by the agreement endpoint and by the generic task completion, is refused naming
/// the field, and nothing is signed.
/// </summary>
public sealed class AgreedPriceIntegrityTests
{
    private const string Winner = "Ningbo Optics Ltd.";
    private const string Other = "Shenzhen Anyone Trading Co.";

    private static readonly object Auction = new { pricingMethod = "auction", reviewSubject = "Licence by auction", basePrice = 100000, valuationBasis = "Market approach" };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task After_an_auction_concluded_no_other_kind_party_or_price_is_signed_and_nothing_twice(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        await host.ApproveAsync(await host.PrepareAsync(id, Auction));
        var auction = await host.WaitForPricingAsync(id, "auction", "open");
        var path = $"/api/v1/inventions/{id}/agreement";

        // While the auction runs, nothing is signed, not even an open licence.
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "open-licence", Other, 1, feeTerms: "1 yuan"), "open-licence-not-signed-here", "agreementKind");
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "ordinary-licence", Winner, 180000), "pricing-not-concluded", "pricingId");

        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{auction}/bids", new { bidder = Winner, amount = 180000 });
        await host.PassWindowAsync(id, "auction");
        await host.WaitForPricingAsync(id, "auction", "concluded");
        await host.WaitForStepAsync(id, "Task_Sign");

        // The attack as it was made, and its siblings: another kind, another party, a lower price.
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "open-licence", Other, 1, feeTerms: "1 yuan"), "open-licence-not-signed-here", "agreementKind");
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "open-licence", Winner, 180000, feeTerms: "lump sum"), "open-licence-not-signed-here", "agreementKind");
        await RefusedAsync(host, HttpStatusCode.BadRequest, path, Terms(host, "ordinary-licence", Winner, 1), "below-price", "consideration");
        await RefusedAsync(host, HttpStatusCode.BadRequest, path, Terms(host, "exclusive-licence", Winner, 179999.99m), "below-price", "consideration");
        await RefusedAsync(host, HttpStatusCode.BadRequest, path, Terms(host, "exclusive-licence", Other, 180000), "wrong-counterparty", "counterparty");
        await RefusedAsync(host, HttpStatusCode.BadRequest, path, Terms(host, "equity", Other, 500000), "wrong-counterparty", "counterparty");

        // The generic task completion (what the task page posts) is no way round either.
        var sign = await host.OpenStepTaskAsync(id, "Task_Sign");
        var viaTask = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/tasks/{sign}/complete",
            new { variables = Terms(host, "open-licence", Other, 1, feeTerms: "1 yuan") });
        Assert.True(viaTask.GetProperty("errors").TryGetProperty("variables.agreementKind", out _), viaTask.ToString());
        // A refusal that looked like success (issue 18): the page said "completed", then the step came back with no reason.
        // Now the same check answers before the step completes, naming the field, and the step stays where it is.
        foreach (var (terms, field) in new[]
                 {
                     (Terms(host, "ordinary-licence", Other, 180000), "variables.counterparty"),
                     (Terms(host, "exclusive-licence", Winner, 170000), "variables.consideration"),
                 })
        {
            var refused = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/tasks/{sign}/complete", new { variables = terms });
            Assert.True(refused.GetProperty("errors").TryGetProperty(field, out _), refused.ToString());
            Assert.Equal(sign, await host.OpenStepTaskAsync(id, "Task_Sign"));
        }
        Assert.Empty((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/agreements")).EnumerateArray());
        Assert.Equal(0, (await OkAsync(host.Admin, HttpMethod.Get, "/api/v1/incidents")).GetArrayLength());

        // The concluded terms are signed, once.
        await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, path, Terms(host, "exclusive-licence", Winner, 180000));
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "ordinary-licence", Winner, 180000), "already-signed", "pricingId");
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "open-licence", Other, 1, feeTerms: "1 yuan"), "open-licence-not-signed-here", "agreementKind");
        // Nor is an open licence declared beside the exclusive licence now in force.
        var declare = await ExpectAsync(HttpStatusCode.Conflict, host.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/open-licence-declarations",
            new { feeMethod = "lump-sum", lumpSum = 1, licenceTermMonths = 12 });
        Assert.Equal("exclusive-in-force", declare.GetProperty("code").GetString());

        var signed = Assert.Single((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/agreements")).EnumerateArray());
        Assert.Equal((Winner, 180000m, "exclusive-licence"), (signed.GetProperty("counterparty").GetString(), signed.GetProperty("consideration").GetDecimal(),
            signed.GetProperty("kind").GetString()));
        Assert.Single(await host.EvidenceActionsAsync(id), a => a == "agreement.signed");
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task After_a_failed_auction_nothing_is_signed(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        await host.ApproveAsync(await host.PrepareAsync(id, Auction));
        var auction = await host.WaitForPricingAsync(id, "auction", "open");
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/pricing/{auction}/bids", new { bidder = Winner, amount = 50000 }); // below the reserve
        await host.PassWindowAsync(id, "auction");
        await host.WaitForPricingAsync(id, "auction", "failed");
        await host.WaitForStepAsync(id, "Task_Failed");

        var path = $"/api/v1/inventions/{id}/agreement";
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "open-licence", Other, 1, feeTerms: "1 yuan"), "open-licence-not-signed-here", "agreementKind");
        await RefusedAsync(host, HttpStatusCode.Conflict, path, Terms(host, "ordinary-licence", Winner, 50000), "pricing-not-concluded", "pricingId");
        Assert.Empty((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/agreements")).EnumerateArray());
        Assert.DoesNotContain("agreement.signed", await host.EvidenceActionsAsync(id));
    }

    private static object Terms(DomainApiHost host, string kind, string counterparty, decimal consideration, string? feeTerms = null) => feeTerms is null
        ? new { agreementKind = kind, counterparty, consideration, effectiveDate = host.Today }
        : new { agreementKind = kind, counterparty, consideration, effectiveDate = host.Today, feeTerms };

    /// <summary>Refused with this status and code, the problem naming the field; nothing is signed.</summary>
    private static async Task RefusedAsync(DomainApiHost host, HttpStatusCode status, string path, object terms, string code, string field)
    {
        var before = (await OkAsync(host.Manager, HttpMethod.Get, path + "s")).GetArrayLength();
        var problem = await ExpectAsync(status, host.Manager, HttpMethod.Post, path, terms);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{code} does not name {field}: {problem}");
        Assert.Equal(before, (await OkAsync(host.Manager, HttpMethod.Get, path + "s")).GetArrayLength());
    }
}
