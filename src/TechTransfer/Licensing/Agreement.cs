namespace TechTransfer.Licensing;

/// <summary>A signed transfer or licence of an invention.</summary>
public sealed class Agreement
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    /// <summary>The concluded pricing that set the price (every agreement but an open licence).</summary>
    public Guid? PricingId { get; set; }
    /// <summary>An open licence: the open-licence declaration it was taken under.</summary>
    public Guid? DeclarationId { get; set; }
    public AgreementKind Kind { get; set; }
    public string Counterparty { get; set; } = "";
    public decimal Consideration { get; set; }
    /// <summary>How the fee is charged and its rate (an open licence: the declared 许可使用费支付方式及标准).</summary>
    public string? FeeTerms { get; set; }
    public DateOnly? TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
    /// <summary>When the contract takes effect (the recordal deadline counts from it).</summary>
    public DateOnly EffectiveDate { get; set; }
    public DateTimeOffset SignedAt { get; set; }
    public string SignedBy { get; set; } = "";
    public AgreementStatus Status { get; set; }
    /// <summary>Assignment: the registration date with the patent office, when it takes effect (Patent Law art. 10).</summary>
    public DateOnly? RegisteredOn { get; set; }
    /// <summary>Technology-contract registration (技术合同认定登记) after signing: its number, date and certificate (an
    /// attachment of the invention). Needed for the tax relief and to pay remuneration from the income.</summary>
    public string? ContractRegistrationNumber { get; set; }
    public DateOnly? ContractRegisteredOn { get; set; }
    public Guid? ContractRegistrationDocumentId { get; set; }
    public DateTimeOffset? ContractRegisteredAt { get; set; }
    public string? ContractRegisteredBy { get; set; }
}
