
namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// The inventory campaign's configuration (<c>TechTransfer:Portfolio:Campaign:*</c>): the criteria inventors grade on (1 to
/// 5, weighted, the keys the grading form's fields are named by), the value tiers, each college's reviewer group, how long
/// each escalation level has, and the fiscally funded patents' idle rule.
/// </summary>
public sealed class CampaignOptions
{
    public List<AssessmentCriterion> Criteria { get; set; } =
    [
        new() { Key = "technical-maturity", Label = "技术成熟度 Technical maturity", Weight = 0.30m },
        new() { Key = "market-demand", Label = "市场需求 Market demand", Weight = 0.30m },
        new() { Key = "legal-stability", Label = "法律稳定性 Legal stability", Weight = 0.20m },
        new() { Key = "application-breadth", Label = "应用范围 Breadth of application", Weight = 0.20m },
    ];

    public List<GradeTier> Tiers { get; set; } =
    [
        new() { Key = "A", Label = "A 高价值 High value", MinScore = 4.0m },
        new() { Key = "B", Label = "B 较高价值 Good value", MinScore = 3.0m },
        new() { Key = "C", Label = "C 一般 Ordinary", MinScore = 2.0m },
        new() { Key = "D", Label = "D 低价值 Low value", MinScore = 0m },
    ];

    /// <summary>
    /// The reviewer group (a committee code) of each college, by the college's name as the portfolio writes it. A college
    /// without one, or whose group has nobody in it, is reviewed by the office (technology managers) on its behalf.
    /// </summary>
    public Dictionary<string, string> CollegeReviewers { get; set; } = [];

    /// <summary>How long the college has to grade a patent its inventors did not grade by the campaign's grading deadline; then the office.</summary>
    public TimeSpan EscalationWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A fiscally funded patent granted more than this many years ago and not implemented is flagged (the seeds' rule).</summary>
    public int IdleYears { get; set; } = 5;

    /// <summary>How long the office has to put a flagged patent into operation (open licence or the pool) once its review ends.</summary>
    public TimeSpan IdleActionWindow { get; set; } = TimeSpan.FromDays(30);

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Criteria.Count == 0 || Criteria.Any(c => string.IsNullOrWhiteSpace(c.Key) || c.Weight < 0) || Criteria.Sum(c => c.Weight) <= 0)
            yield return ("Portfolio:Campaign:Criteria", "needs at least one criterion, each with a key and a weight of at least 0, the weights' sum positive.");
        if (Criteria.Select(c => c.Key).Distinct(StringComparer.Ordinal).Count() != Criteria.Count)
            yield return ("Portfolio:Campaign:Criteria", "names each key once.");
        if (Tiers.Count == 0 || Tiers.Any(t => string.IsNullOrWhiteSpace(t.Key)) || Tiers.Min(t => t.MinScore) > 1m)
            yield return ("Portfolio:Campaign:Tiers", "needs at least one tier, each with a key, and one a score of 1 reaches.");
        if (EscalationWindow <= TimeSpan.Zero) yield return ("Portfolio:Campaign:EscalationWindow", "must be positive.");
        if (IdleActionWindow <= TimeSpan.Zero) yield return ("Portfolio:Campaign:IdleActionWindow", "must be positive.");
        if (IdleYears < 1) yield return ("Portfolio:Campaign:IdleYears", "must be at least 1.");
    }
}
