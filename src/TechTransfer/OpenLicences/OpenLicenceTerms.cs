namespace TechTransfer.OpenLicences;

/// <summary>What an open-licence declaration states: the fee method and rate and the term of each licence.</summary>
public sealed record OpenLicenceTerms(
    OpenLicenceFeeMethod? FeeMethod,
    decimal? LumpSum,
    decimal? RoyaltyRate,
    string? RoyaltyBase,
    string? PaymentTerms,
    int? LicenceTermMonths);
