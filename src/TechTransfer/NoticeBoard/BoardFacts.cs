namespace TechTransfer.NoticeBoard;

/// <summary>
/// What a posting states, as the rules require: the result's name and summary, its patent numbers, the proposed price
/// (listing: the base price), the transfer method, the counterparty (拟交易对象) and whether it is an inventor or a related
/// party, the window, and how to object or register interest; for a declaration the fee and the licence term. Never the
/// valuation, the committee's deliberation or anything else the office keeps confidential.
/// </summary>
public sealed record BoardFacts(
    BoardPostingKind Kind,
    string CaseNumber,
    string Title,
    string? Summary,
    string? PatentNumber,
    string? ApplicationNumber,
    decimal? Price,
    string? TransferMethod,
    string? Counterparty,
    bool RelatedParty,
    string? FeeZh,
    string? FeeEn,
    int? LicenceTermMonths,
    DateOnly? PublishedOn,
    string? PublicationReference,
    DateTimeOffset From,
    DateTimeOffset? To,
    string Address);
