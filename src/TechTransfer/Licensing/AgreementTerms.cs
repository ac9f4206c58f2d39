namespace TechTransfer.Licensing;

/// <summary>The terms of an agreement to sign. <see cref="PricingId"/> names the concluded pricing that set the price
/// (required except for an open licence, whose fee is declared).</summary>
public sealed record AgreementTerms(
    AgreementKind Kind,
    string Counterparty,
    decimal Consideration,
    DateOnly EffectiveDate,
    Guid? PricingId = null,
    DateOnly? TermStart = null,
    DateOnly? TermEnd = null,
    string? FeeTerms = null);
