using TechTransfer.Common;

namespace TechTransfer.Portfolio.Campaigns;

/// <summary>The campaign's rules without a store: which patents a scope takes, the weighted score and its tier, and the idle rule.</summary>
public static class CampaignGrading
{
    /// <summary>Whether the campaign's scope takes the patent: in force (valid), of the college when one is named, unconverted unless converted ones are included.</summary>
    public static bool InScope(Patent patent, string? college, bool includeConverted) =>
        patent.LegalStatus == PatentLegalStatus.Valid
        && (college is null || string.Equals(patent.College, college, StringComparison.Ordinal))
        && (includeConverted || patent.Transfers + patent.Licences == 0);

    /// <summary>
    /// The seeds' rule: a fiscally funded patent granted more than <paramref name="years"/> years before
    /// <paramref name="today"/>, never transferred or licensed, for which no reason is stated, is flagged for operation.
    /// </summary>
    public static bool IsIdleFunded(Patent patent, DateOnly today, int years, string? statedReason = null) =>
        patent.FiscallyFunded && patent.GrantDate is { } granted && granted.AddYears(years) < today
        && patent.Transfers + patent.Licences == 0 && string.IsNullOrWhiteSpace(statedReason);

    /// <summary>The weighted score (weights normalised to their sum, two decimals) of every criterion scored 1 to 5; a missing, unknown or out-of-range score is refused by its key.</summary>
    public static decimal Score(IReadOnlyList<AssessmentCriterion> criteria, IReadOnlyDictionary<string, int> scores) =>
        WeightedScore.Of(criteria, scores, "a grading criterion");

    /// <summary>The highest tier whose minimum the score reaches.</summary>
    public static GradeTier TierOf(IReadOnlyList<GradeTier> tiers, decimal score) =>
        tiers.OrderByDescending(t => t.MinScore).FirstOrDefault(t => score >= t.MinScore) ?? tiers.OrderBy(t => t.MinScore).First();

    /// <summary>The main IPC subclass of "H01M 4/38; H01M 10/05" (<c>H01M</c>), or null.</summary>
    public static string? IpcSubclass(string? ipcClasses)
    {
        if (string.IsNullOrWhiteSpace(ipcClasses)) return null;
        var first = ipcClasses.Split([';', '；', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        var compact = new string(first.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return compact.Length >= 4 ? compact[..4] : compact;
    }

    /// <summary>The kebab-case name of a route, as the API and the forms spell it.</summary>
    public static string RouteName(TransferRoute route) => Names.Kebab(route);
}
