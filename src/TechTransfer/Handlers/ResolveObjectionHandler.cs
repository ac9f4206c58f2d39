using System.Text.Json.Nodes;
using TechTransfer.Common;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.resolveObjection</c>: records the office's decision on <c>objectionId</c>: <c>objectionUpheld</c> and
/// <c>objectionResolution</c>. Out: <c>pricingStatus</c>, <c>openObjections</c>, <c>objectionId</c> (the next open one),
/// <c>agreedPrice</c> when the deal is concluded.</summary>
public sealed class ResolveObjectionHandler(PricingService pricing, TechTransferOptions options, TimeProvider clock) : DomainHandler
{
    public override string Name => "tt.resolveObjection";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var pricingId = vars.Guid("pricingId");
        var objectionId = vars.Guid("objectionId");
        var before = await pricing.GetAsync(AsProcess(), pricingId, ct);
        if (before.Objections.Any(o => o.Id == objectionId && o.Status == ObjectionStatus.Open))
            await pricing.ResolveObjectionAsync(OnBehalfOfTaskCompleter(vars), objectionId, vars.Bool("objectionUpheld"),
                vars.String("objectionResolution"), ct);
        var view = await pricing.GetAsync(AsProcess(), pricingId, ct);
        var open = view.Objections.Where(o => o.Status == ObjectionStatus.Open).ToList();
        return Result(new
        {
            pricingStatus = Names.Kebab(view.Record.Status),
            objectionUpheld = view.Objections.First(o => o.Id == objectionId).Status == ObjectionStatus.Upheld,
            openObjections = open.Count,
            objectionId = open.FirstOrDefault()?.Id ?? objectionId,
            counterparty = view.Record.Counterparty ?? view.Record.ProposedCounterparty,
            agreedPrice = view.Record.FinalPrice, contractDue = Iso(clock.GetUtcNow() + options.Pricing.SigningTime),
        });
    }
}
