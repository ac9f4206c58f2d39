namespace TechTransfer.Pricing;

/// <summary>An objection to a public notice. While one is open nothing is signed.</summary>
public sealed class Objection
{
    public Guid Id { get; set; }
    public Guid PricingId { get; set; }
    public string RaisedBy { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public ObjectionStatus Status { get; set; }
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
