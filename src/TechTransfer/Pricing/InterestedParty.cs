namespace TechTransfer.Pricing;

/// <summary>A qualified party that registered interest in a listing during its window.</summary>
public sealed class InterestedParty
{
    public Guid PricingId { get; set; }
    public string Party { get; set; } = "";
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
}
