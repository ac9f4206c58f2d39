namespace TechTransfer.Pricing;

/// <summary>A bid in an auction; valid when at or above the reserve, by an admitted bidder, inside the window.</summary>
public sealed class Bid
{
    public Guid Id { get; set; }
    public Guid PricingId { get; set; }
    public string Bidder { get; set; } = "";
    public decimal Amount { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public bool Valid { get; set; }
    public string? InvalidReason { get; set; }
    public string RecordedBy { get; set; } = "";
}
