namespace TechTransfer.Common;

/// <summary>A weighted score of criteria each scored 1 to 5 (the pre-filing assessment's and the inventory campaign's grading).</summary>
public static class WeightedScore
{
    /// <summary>
    /// The weighted mean (weights normalised to their sum, two decimals) of a score for every criterion; a missing, unknown
    /// (<paramref name="what"/>: "an assessment criterion") or out-of-range score is refused, naming its criterion.
    /// </summary>
    public static decimal Of(IReadOnlyList<AssessmentCriterion> criteria, IReadOnlyDictionary<string, int> scores, string what)
    {
        foreach (var key in scores.Keys)
            if (criteria.All(c => c.Key != key)) throw TechTransferException.Rule("unknown-criterion", $"'{key}' is not {what}.", key);
        decimal sum = 0, weights = 0;
        foreach (var c in criteria)
        {
            if (!scores.TryGetValue(c.Key, out var score)) throw TechTransferException.Rule("required", $"Score '{c.Label}'.", c.Key);
            if (score is < 1 or > 5) throw TechTransferException.Rule("score-out-of-range", $"'{c.Label}' is scored 1 to 5, not {score}.", c.Key);
            sum += c.Weight * score;
            weights += c.Weight;
        }
        if (weights <= 0) throw new InvalidOperationException($"The criteria of {what} have no positive weight.");
        return decimal.Round(sum / weights, 2, MidpointRounding.AwayFromZero);
    }
}
