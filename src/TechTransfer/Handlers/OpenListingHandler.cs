using System.Text.Json.Nodes;
using TechTransfer.NoticeBoard;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openListing</c>: lists the invention at <c>basePrice</c> (with <c>valuation</c>, <c>valuationBasis</c>).
/// Out: <c>pricingId</c>, <c>listingId</c>, <c>listingClosesAt</c> (the timer's date, from the configured window), and for the
/// email that announces it (<c>listing-opened</c>): <c>listingUrl</c>, <c>listingTitle</c>, <c>listingEndsAt</c>, <c>listingText</c>, <c>announceTo</c>.</summary>
public sealed class OpenListingHandler(PricingService pricing, NoticeBoardService board, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.openListing";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var inventionId = vars.Guid("inventionId");
        var record = await pricing.FindOpenAsync(inventionId, PricingMethod.Listing, ct)
                     ?? await pricing.OpenListingAsync(OnBehalfOfTaskCompleter(vars), inventionId, vars.Decimal("basePrice"),
                         vars.OptionalDecimal("valuation"), vars.OptionalString("valuationBasis"), ct);
        var posting = await board.FindAsync(record.Id, ct);
        return Result(new { pricingId = record.Id, listingId = record.Id, listingClosesAt = Iso(record.WindowEndsAt), listingUrl = options.NoticeBoard.AddressOf(record.Id),
            listingTitle = posting?.Title, listingEndsAt = posting?.EndsLocal, listingText = posting?.Text, announceTo = string.Join(",", options.NoticeBoard.AnnounceTo) });
    }
}
