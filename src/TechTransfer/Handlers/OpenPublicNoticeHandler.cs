using System.Text.Json.Nodes;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openPublicNotice</c>: publishes the agreement price. In: <c>price</c>, <c>counterparty</c>,
/// <c>relatedParty</c>, <c>transferMethod</c>, <c>valuation</c>, <c>valuationBasis</c>. Out: <c>pricingId</c>,
/// <c>noticeClosesAt</c> (the timer's date: now + the configured window), <c>noticeWindow</c>.</summary>
public sealed class OpenPublicNoticeHandler(PricingService pricing, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.openPublicNotice";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var inventionId = vars.Guid("inventionId");
        var record = await pricing.FindOpenAsync(inventionId, PricingMethod.Agreement, ct)
                     ?? await pricing.OpenPublicNoticeAsync(OnBehalfOfTaskCompleter(vars), inventionId, new NoticeTerms(
                         vars.Decimal("price"), vars.String("counterparty"), vars.Bool("relatedParty"), vars.OptionalString("transferMethod"),
                         vars.OptionalDecimal("valuation"), vars.OptionalString("valuationBasis")), ct);
        return Result(new { pricingId = record.Id, noticeClosesAt = Iso(record.WindowEndsAt), noticeWindow = Iso(options.Pricing.NoticeWindow),
            noticeClosed = false, openObjections = 0 });
    }
}
