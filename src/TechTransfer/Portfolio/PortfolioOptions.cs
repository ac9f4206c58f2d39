namespace TechTransfer.Portfolio;

/// <summary>The portfolio's figures (<c>TechTransfer:Portfolio:*</c>): when the keep-or-abandon decision opens before a fee is due, and the import's limits.</summary>
public sealed class PortfolioOptions
{
    /// <summary>How long before an annual fee is due its keep-or-abandon decision opens (the inventors and the office are asked then).</summary>
    public TimeSpan DecisionLeadTime { get; set; } = TimeSpan.FromDays(90);
    /// <summary>How long before the due date the office must have decided (time left to pay the fee).</summary>
    public TimeSpan DecisionMargin { get; set; } = TimeSpan.FromDays(30);
    /// <summary>How long the inventors have to give their view once the decision opens.</summary>
    public TimeSpan ViewWindow { get; set; } = TimeSpan.FromDays(21);
    /// <summary>The patentee (专利权人) recorded for a patent that joins from a granted invention: the institution's name.</summary>
    public string? Holder { get; set; }
    /// <summary>The largest file an import takes.</summary>
    public long MaxImportBytes { get; set; } = 20 * 1024 * 1024;
    /// <summary>The most rows (patents) one import takes.</summary>
    public int MaxImportRows { get; set; } = 50_000;
    /// <summary>The inventory campaign's criteria, tiers, college reviewers and escalation (<c>Portfolio:Campaign:*</c>).</summary>
    public Campaigns.CampaignOptions Campaign { get; set; } = new();

    public IEnumerable<(string Key, string Problem)> Problems()
    {
        if (DecisionLeadTime <= TimeSpan.Zero) yield return ("Portfolio:DecisionLeadTime", "must be positive.");
        if (DecisionMargin < TimeSpan.Zero || DecisionMargin >= DecisionLeadTime) yield return ("Portfolio:DecisionMargin", "must be at least 0 and shorter than Portfolio:DecisionLeadTime.");
        if (ViewWindow <= TimeSpan.Zero || ViewWindow > DecisionLeadTime - DecisionMargin)
            yield return ("Portfolio:ViewWindow", "must be positive and leave the office time to decide (at most DecisionLeadTime - DecisionMargin).");
        if (MaxImportBytes < 1024) yield return ("Portfolio:MaxImportBytes", "must be at least 1024.");
        if (MaxImportRows < 1) yield return ("Portfolio:MaxImportRows", "must be at least 1.");
        foreach (var problem in Campaign.Problems()) yield return problem;
    }
}
