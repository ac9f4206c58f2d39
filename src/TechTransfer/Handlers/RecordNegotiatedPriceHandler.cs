using System.Text.Json.Nodes;
using TechTransfer.Pricing;
using TechTransfer.Evidence;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.recordNegotiatedPrice</c>: the price agreed with a listing's one party (<c>negotiatedPrice</c>); below the
/// base it throws the BPMN error <c>below-base</c>. Out: <c>pricingId</c>, <c>counterparty</c>, <c>agreedPrice</c>.</summary>
public sealed class RecordNegotiatedPriceHandler(PricingService pricing, StaffStatementService statements, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.recordNegotiatedPrice";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var id = vars.Guid("listingId");
        var view = await pricing.GetAsync(AsProcess(), id, ct);
        var record = view.Record;
        if (record.Status != PricingStatus.Concluded)
        {
            record = await pricing.RecordNegotiatedPriceAsync(OnBehalfOfTaskCompleter(vars), id, vars.Decimal("negotiatedPrice"), ct);
            await statements.RecordAsync(OnBehalfOfTaskCompleter(vars), record.InventionId, Processes.ShippedProcesses.PricingListing.Negotiate, vars.Bool(StaffStatementService.Variable), ct);
        }
        return Result(new { pricingId = record.Id, counterparty = record.Counterparty, agreedPrice = record.FinalPrice, contractDue = Iso(clock.GetUtcNow() + options.Pricing.SigningTime) });
    }
}
