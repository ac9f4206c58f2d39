namespace TechTransfer.Pricing;

/// <summary>What a public notice of agreement pricing publishes: the price, the counterparty (flagged when an inventor or
/// related party), the transfer method, and the valuation or the recorded reason not to appraise.</summary>
public sealed record NoticeTerms(decimal Price, string Counterparty, bool RelatedParty, string? TransferMethod, decimal? Valuation, string? ValuationBasis);
