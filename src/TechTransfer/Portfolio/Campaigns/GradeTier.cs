namespace TechTransfer.Portfolio.Campaigns;

/// <summary>A value tier of the self-grading (价值分级): a weighted score at or above <see cref="MinScore"/> earns it (the highest that fits).</summary>
public sealed class GradeTier
{
    public string Key { get; set; } = "";
    public string Label { get; set; } = "";
    public decimal MinScore { get; set; }
}
