namespace TechTransfer.Pricing;

/// <summary>An objection to a public notice. While one is open nothing is signed.</summary>
public sealed class Objection
{
    public Guid Id { get; set; }
    public Guid PricingId { get; set; }
    public string RaisedBy { get; set; } = "";
    /// <summary>A member of the public who objected on the notice board (no account): their name and how to reach them.</summary>
    public string? ObjectorName { get; set; }
    public string? ObjectorContact { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset RaisedAt { get; set; }
    public ObjectionStatus Status { get; set; }
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}
