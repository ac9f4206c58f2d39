using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.closeListing</c>: when the listing timer fires. Out: <c>interestedParties</c> (how many),
/// <c>parties</c>, <c>counterparty</c> (the one party, if one), <c>pricingStatus</c>.</summary>
public sealed class CloseListingHandler(PricingService pricing) : DomainHandler
{
    public override string Name => "tt.closeListing";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var view = await pricing.CloseListingAsync(AsProcess(vars), vars.Guid("listingId"), ct);
        return Result(new
        {
            interestedParties = view.Parties.Count,
            parties = view.Parties.Select(p => p.Party),
            counterparty = view.Parties.Count == 1 ? view.Parties[0].Party : null,
            pricingStatus = Names.Kebab(view.Record.Status),
        });
    }
}
