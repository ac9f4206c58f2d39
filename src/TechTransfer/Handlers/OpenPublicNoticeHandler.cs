using System.Text.Json.Nodes;
using TechTransfer.NoticeBoard;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openPublicNotice</c>: publishes the agreement price. In: <c>price</c>, <c>counterparty</c>,
/// <c>relatedParty</c>, <c>transferMethod</c>, <c>valuation</c>, <c>valuationBasis</c>. Out: <c>pricingId</c>,
/// <c>noticeClosesAt</c> (the timer's date: now + the configured window), <c>noticeWindow</c>, and for the email that
/// publishes it inside the unit (<c>public-notice-opened</c>): <c>noticeUrl</c>, <c>noticeTitle</c>, <c>noticeEndsAt</c> (the
/// institution's time), <c>noticeText</c> (exactly as on the board) and <c>announceTo</c> (whom to tell).</summary>
public sealed class OpenPublicNoticeHandler(PricingService pricing, NoticeBoardService board, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.openPublicNotice";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var inventionId = vars.Guid("inventionId");
        var record = await pricing.FindOpenAsync(inventionId, PricingMethod.Agreement, ct)
                     ?? await pricing.OpenPublicNoticeAsync(OnBehalfOfTaskCompleter(vars), inventionId, new NoticeTerms(
                         vars.Decimal("price"), vars.String("counterparty"), vars.Bool("relatedParty"), vars.OptionalString("transferMethod"),
                         vars.OptionalDecimal("valuation"), vars.OptionalString("valuationBasis")), ct);
        var posting = await board.FindAsync(record.Id, ct);
        return Result(new { pricingId = record.Id, noticeClosesAt = Iso(record.WindowEndsAt), noticeWindow = Iso(options.Pricing.NoticeWindow),
            noticeClosed = false, openObjections = 0, noticeUrl = options.NoticeBoard.AddressOf(record.Id), noticeTitle = posting?.Title,
            noticeEndsAt = posting?.EndsLocal, noticeText = posting?.Text, announceTo = string.Join(",", options.NoticeBoard.AnnounceTo) });
    }
}
