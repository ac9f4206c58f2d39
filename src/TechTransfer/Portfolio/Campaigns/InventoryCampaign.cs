namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// An inventory campaign (盘点): the patents in its scope, taken when it opened, each graded by its inventors by the
/// grading deadline and reviewed by its college and the university by the review deadline. Its own opening is evidence in
/// the campaign's chain (its id); each patent's steps go into the patent's.
/// </summary>
public sealed class InventoryCampaign
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The college the scope was limited to, or null for the whole institution.</summary>
    public string? College { get; set; }
    /// <summary>Whether patents transferred or licensed already were taken in too (by default only the unconverted stock).</summary>
    public bool IncludeConverted { get; set; }
    public DateOnly GradingDeadline { get; set; }
    public DateOnly ReviewDeadline { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public int Patents { get; set; }
}
