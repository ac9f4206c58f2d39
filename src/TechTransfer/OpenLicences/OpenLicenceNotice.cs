namespace TechTransfer.OpenLicences;

/// <summary>A party's written notice that it will work the patent under the declaration, and its payment of the declared fee.</summary>
public sealed record OpenLicenceNotice(
    string? Licensee,
    DateOnly? NotifiedOn,
    decimal? AmountPaid,
    DateOnly? PaidOn,
    string? PaymentReference);
