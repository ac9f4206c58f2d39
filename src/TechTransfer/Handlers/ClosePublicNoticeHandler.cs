using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.closePublicNotice</c>: when the notice timer fires. Out: <c>noticeClosed</c>, <c>openObjections</c>,
/// <c>objectionId</c> (the first still open), <c>pricingStatus</c>, and when concluded <c>counterparty</c>, <c>agreedPrice</c>.</summary>
public sealed class ClosePublicNoticeHandler(PricingService pricing, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.closePublicNotice";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var view = await pricing.ClosePublicNoticeAsync(AsProcess(vars), vars.Guid("pricingId"), ct);
        var open = view.Objections.Where(o => o.Status == ObjectionStatus.Open).ToList();
        return Result(new
        {
            noticeClosed = true,
            openObjections = open.Count,
            objectionId = open.FirstOrDefault()?.Id,
            pricingStatus = Names.Kebab(view.Record.Status),
            counterparty = view.Record.Counterparty ?? view.Record.ProposedCounterparty,
            agreedPrice = view.Record.FinalPrice, contractDue = Iso(clock.GetUtcNow() + options.Pricing.SigningTime),
        });
    }
}
