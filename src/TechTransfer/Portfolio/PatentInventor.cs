namespace TechTransfer.Portfolio;

/// <summary>One inventor of a portfolio patent, in the order the register names them; linked to an account where one matches.</summary>
public sealed class PatentInventor
{
    public Guid PatentId { get; set; }
    public int Position { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The account of this inventor, where the import found exactly one person of that name (or the invention named them).</summary>
    public string? UserId { get; set; }
}
