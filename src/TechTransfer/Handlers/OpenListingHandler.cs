using System.Text.Json.Nodes;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openListing</c>: lists the invention at <c>basePrice</c> (with <c>valuation</c>, <c>valuationBasis</c>).
/// Out: <c>pricingId</c>, <c>listingId</c>, <c>listingClosesAt</c> (the timer's date, from the configured window).</summary>
public sealed class OpenListingHandler(PricingService pricing) : DomainHandler
{
    public override string Name => "tt.openListing";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var inventionId = vars.Guid("inventionId");
        var record = await pricing.FindOpenAsync(inventionId, PricingMethod.Listing, ct)
                     ?? await pricing.OpenListingAsync(OnBehalfOfTaskCompleter(vars), inventionId, vars.Decimal("basePrice"),
                         vars.OptionalDecimal("valuation"), vars.OptionalString("valuationBasis"), ct);
        return Result(new { pricingId = record.Id, listingId = record.Id, listingClosesAt = Iso(record.WindowEndsAt) });
    }
}
