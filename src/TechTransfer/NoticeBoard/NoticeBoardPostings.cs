using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.OpenLicences;
using TechTransfer.Persistence;
using TechTransfer.Pricing;
using Workflows.Engine.Contracts;

namespace TechTransfer.NoticeBoard;

/// <summary>
/// Puts a notice, a listing or a declaration on the public notice board and takes it down, inside the command that
/// opens, closes, publishes or withdraws it, with an evidence entry each time ("board.posted": where, from, to, the
/// text shown and its SHA-256; "board.removed": where, until when, why): the proof that the notice was published.
/// The owner of <c>tt_board_postings</c>.
/// </summary>
public sealed class NoticeBoardPostings(EvidenceLog evidence, TechTransferOptions options, IBusinessCalendar calendar)
{
    public const string Posted = "board.posted";
    public const string Removed = "board.removed";

    internal Task PostNoticeOrListingAsync(TechTransferDbContext db, ActingUser actor, Invention invention, PricingRecord record, CancellationToken ct)
    {
        var kind = record.Method == PricingMethod.Agreement ? BoardPostingKind.Notice : BoardPostingKind.Listing;
        return PostAsync(db, actor, record.Id, invention, new BoardFacts(kind, invention.CaseNumber, invention.Title, invention.Abstract, invention.PatentNumber,
            invention.ApplicationNumber, record.Price, record.TransferMethod, record.ProposedCounterparty, record.RelatedParty, null, null, null, null, null,
            record.OpenedAt, record.WindowEndsAt, options.NoticeBoard.AddressOf(record.Id)), record.OpenedAt, ct);
    }

    internal async Task PostDeclarationAsync(TechTransferDbContext db, ActingUser actor, OpenLicenceDeclaration declaration, DateTimeOffset now, CancellationToken ct)
    {
        var invention = await InventionService.LoadAsync(db, declaration.InventionId, ct);
        await PostAsync(db, actor, declaration.Id, invention, new BoardFacts(BoardPostingKind.OpenLicence, invention.CaseNumber, invention.Title,
            invention.Abstract, declaration.PatentNumber, invention.ApplicationNumber, declaration.LumpSum, null, null, false, FeeZh(declaration),
            declaration.FeeSummary(), declaration.LicenceTermMonths, declaration.PublishedOn, declaration.PublicationReference, now, null,
            options.NoticeBoard.AddressOf(declaration.Id)), now, ct);
    }

    /// <summary>Takes the posting down (no-op when there is none or it is down already): it leaves the current postings and stays among the past.</summary>
    internal async Task TakeDownAsync(TechTransferDbContext db, ActingUser actor, Guid id, DateTimeOffset now, string why, CancellationToken ct)
    {
        var posting = await db.BoardPostings.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (posting is null || posting.RemovedAt is not null) return;
        posting.RemovedAt = now;
        posting.Outcome = why;
        // A window that ran out left the current postings when it ended, even if the timer closing it fired later.
        var until = posting.WindowEndsAt is { } end && end < now ? end : now;
        await evidence.AppendAsync(db, posting.InventionId, actor, Removed, new
        {
            kind = Common.Names.Kebab(posting.Kind), id, where = options.NoticeBoard.AddressOf(id), from = posting.ShownFrom, until, why, sha256 = posting.Sha256,
        }, ct);
    }

    private async Task PostAsync(TechTransferDbContext db, ActingUser actor, Guid id, Invention invention, BoardFacts facts, DateTimeOffset now, CancellationToken ct)
    {
        var text = BoardText.Of(facts, calendar.TimeZone, options.NoticeBoard.Contact, options.NoticeBoard.Exchange);
        var posting = new BoardPosting
        {
            Id = id, InventionId = invention.Id, Kind = facts.Kind, CaseNumber = invention.CaseNumber, Title = invention.Title, ShownFrom = now,
            WindowEndsAt = facts.To, Text = text, Facts = JsonSerializer.Serialize(facts, EvidenceLog.Json), Sha256 = BoardText.Sha256(text),
        };
        db.BoardPostings.Add(posting);
        await evidence.AppendAsync(db, invention.Id, actor, Posted, new
        {
            kind = Common.Names.Kebab(facts.Kind), id, where = facts.Address, from = facts.From, to = facts.To, text, sha256 = posting.Sha256,
        }, ct);
    }

    /// <summary>许可使用费支付方式及标准, in Chinese.</summary>
    private static string FeeZh(OpenLicenceDeclaration d)
    {
        var parts = new List<string>();
        if (d.LumpSum is { } lump) parts.Add($"一次性支付人民币 {lump:0.00} 元");
        if (d.RoyaltyRate is { } rate) parts.Add($"按{d.RoyaltyBase}的 {rate:0.####}% 提成");
        var fee = string.Join(" + ", parts);
        return d.PaymentTerms is { Length: > 0 } terms ? $"{fee}；{terms}" : fee;
    }
}
