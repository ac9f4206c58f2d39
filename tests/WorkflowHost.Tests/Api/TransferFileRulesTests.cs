using System.Net;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// A step never accepts data a later step will reject (issue 18, "a case died silently"): agreement pricing with no
/// price and no counterparty passed the transfer file and the committee, then the public notice failed three times on
/// the missing price, and nothing in the UI could mend it. The transfer file now requires what its pricing path needs,
/// by the domain endpoint and by the generic task completion (what the task page posts), and the step stays open.
/// </summary>
public sealed class TransferFileRulesTests
{
    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_transfer_file_is_refused_without_what_its_pricing_path_needs(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var path = $"/api/v1/inventions/{id}/transfer-file";

        var agreement = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, path,
            new { pricingMethod = "agreement", reviewSubject = "Licence to Ningbo Optics", valuationBasis = "Income approach" });
        var errors = agreement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("variables.price", out _) && errors.TryGetProperty("variables.counterparty", out _), agreement.ToString());

        var listing = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, path,
            new { pricingMethod = "listing", reviewSubject = "Listing", valuationBasis = "Market approach", basePrice = 0.0 });
        Assert.True(listing.GetProperty("errors").TryGetProperty("variables.basePrice", out _), listing.ToString());

        var prepare = await host.OpenStepTaskAsync(id, "Task_Prepare");
        var viaTask = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/tasks/{prepare}/complete",
            new { variables = new { pricingMethod = "agreement", reviewSubject = "Licence", valuationBasis = "Income approach", price = 900000 } });
        Assert.True(viaTask.GetProperty("errors").TryGetProperty("variables.counterparty", out _), viaTask.ToString());

        // Nothing moved: the same step is open and no committee review was opened.
        Assert.Equal(prepare, await host.OpenStepTaskAsync(id, "Task_Prepare"));
        Assert.Equal(0, (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/reviews")).GetArrayLength());
    }
}
