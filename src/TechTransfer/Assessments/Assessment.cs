namespace TechTransfer.Assessments;

/// <summary>A pre-filing assessment: scored criteria (1-5, weighted) and the outcome the office chose.</summary>
public sealed class Assessment
{
    public Guid Id { get; set; }
    public Guid InventionId { get; set; }
    public AssessmentStatus Status { get; set; }
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>The scores by criterion key, as JSON.</summary>
    public string? Scores { get; set; }
    public decimal? WeightedScore { get; set; }
    public AssessmentOutcome? Recommended { get; set; }
    public AssessmentOutcome? Outcome { get; set; }
    /// <summary>For <see cref="AssessmentOutcome.File"/>: the route (e.g. invention patent, utility model, PCT).</summary>
    public string? Route { get; set; }
    public string? Reasons { get; set; }
    public string? AssessedBy { get; set; }
    public DateTimeOffset? AssessedAt { get; set; }
}
