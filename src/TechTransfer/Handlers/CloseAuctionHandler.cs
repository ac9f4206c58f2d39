using System.Text.Json.Nodes;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.closeAuction</c>: when the auction timer fires. A sale sets <c>auctionResult</c> = sold, <c>counterparty</c>,
/// <c>agreedPrice</c> and <c>contractDue</c> (the configured working days after the result); no valid bid throws the BPMN
/// error <c>auction-failed</c> for the task's error boundary.</summary>
public sealed class CloseAuctionHandler(PricingService pricing, TechTransferOptions options, TimeProvider clock, IBusinessCalendar calendar) : DomainHandler
{
    public override string Name => "tt.closeAuction";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var view = await pricing.CloseAuctionAsync(AsProcess(vars), vars.Guid("auctionId"), ct);
        if (view.Record.Status == PricingStatus.Failed)
            throw new BpmnErrorException("auction-failed", $"No valid bid at or above the reserve {view.Record.Price:0.00}.");
        return Result(new
        {
            auctionResult = "sold",
            pricingStatus = "concluded",
            pricingId = view.Record.Id,
            counterparty = view.Record.Counterparty,
            agreedPrice = view.Record.FinalPrice,
            validBids = view.Bids.Count(b => b.Valid),
            contractDue = Iso(calendar.AddWorkingDays(view.Record.ClosedAt ?? clock.GetUtcNow(), options.Pricing.ContractAfterAuctionWorkingDays)),
        });
    }
}
