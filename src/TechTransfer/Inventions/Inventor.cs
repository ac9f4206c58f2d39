namespace TechTransfer.Inventions;

/// <summary>One inventor of an invention and their contribution share (percent; all shares sum to exactly 100).</summary>
public sealed class Inventor
{
    public Guid InventionId { get; set; }
    public string UserId { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Share { get; set; }
    /// <summary>Order on the disclosure; it also breaks ties when rounding the revenue split.</summary>
    public int Position { get; set; }
}
