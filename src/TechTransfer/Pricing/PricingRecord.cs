namespace TechTransfer.Pricing;

/// <summary>How a transfer was priced: the method, the valuation, and the notice, listing or auction that set the price.</summary>
public sealed class PricingRecord
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    public PricingMethod Method { get; set; }
    public PricingStatus Status { get; set; }
    public decimal? Valuation { get; set; }
    /// <summary>The appraisal or the recorded reason not to appraise.</summary>
    public string? ValuationBasis { get; set; }
    /// <summary>Agreement: the proposed price; listing: the base price; auction: the reserve.</summary>
    public decimal Price { get; set; }
    public string? TransferMethod { get; set; }
    /// <summary>Agreement: the proposed counterparty; flagged when it is an inventor or a related party.</summary>
    public string? ProposedCounterparty { get; set; }
    public bool RelatedParty { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>When the notice, listing or auction window ends; nothing closes it earlier.</summary>
    public DateTimeOffset WindowEndsAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Counterparty { get; set; }
    public decimal? FinalPrice { get; set; }
    /// <summary>A listing with two or more parties continues as this auction.</summary>
    public Guid? FollowedBy { get; set; }
    public Guid? Follows { get; set; }
    public string OpenedBy { get; set; } = "";
    public int Version { get; set; }
}
