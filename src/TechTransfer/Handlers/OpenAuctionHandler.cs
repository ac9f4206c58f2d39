using System.Text.Json.Nodes;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openAuction</c>: opens an auction at <c>reservePrice</c> (default: <c>basePrice</c>), after the listing
/// <c>listingId</c> when there is one. Out: <c>auctionId</c>, <c>pricingId</c>, <c>auctionClosesAt</c>.</summary>
public sealed class OpenAuctionHandler(PricingService pricing) : DomainHandler
{
    public override string Name => "tt.openAuction";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var inventionId = vars.Guid("inventionId");
        var reserve = vars.OptionalDecimal("reservePrice") ?? vars.Decimal("basePrice");
        var record = await pricing.FindOpenAsync(inventionId, PricingMethod.Auction, ct)
                     ?? await pricing.OpenAuctionAsync(AsProcess(vars), inventionId, reserve, vars.OptionalGuid("listingId"), ct);
        return Result(new { auctionId = record.Id, pricingId = record.Id, auctionClosesAt = Iso(record.WindowEndsAt), reservePrice = record.Price });
    }
}
