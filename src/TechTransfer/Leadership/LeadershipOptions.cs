using TechTransfer.Common;
using TechTransfer.Licensing;

namespace TechTransfer.Leadership;

/// <summary>
/// Which deals need the leadership's collective decision (领导班子集体决策, MOE 2016 No. 3) before they are signed: the
/// agreement kinds named here at or above <see cref="Threshold"/> yuan. The default: assignments, exclusive licences and
/// equity from 1,000,000 yuan; an institution whose rules say "every transfer" sets the threshold to 0.
/// </summary>
public sealed class LeadershipOptions
{
    /// <summary>Agreement kinds that need it, separated by commas (assignment, exclusive-licence, sole-licence, ordinary-licence,
    /// equity); empty: none. One text, not a list, so that a configured value replaces the default instead of adding to it.</summary>
    public string Kinds { get; set; } = "assignment,exclusive-licence,equity";
    /// <summary>From this value (yuan, the concluded price or the consideration) a deal of those kinds needs it.</summary>
    public decimal Threshold { get; set; } = 1_000_000m;
    /// <summary>How long the office head has to minute the meeting's decision.</summary>
    public TimeSpan DecisionTime { get; set; } = TimeSpan.FromDays(15);

    /// <summary>Whether a deal of <paramref name="kind"/> (null: not chosen yet, so any of the kinds) worth <paramref name="value"/> needs the decision.</summary>
    public bool Requires(AgreementKind? kind, decimal value) =>
        value >= Threshold && (kind is { } k ? KindList.Contains(Names.Kebab(k), StringComparer.OrdinalIgnoreCase) : KindList.Count > 0);

    public IReadOnlyList<string> KindList => Kinds.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal IEnumerable<(string Key, string Problem)> Problems()
    {
        if (Threshold < 0) yield return ("Leadership:Threshold", "cannot be negative.");
        if (DecisionTime <= TimeSpan.Zero) yield return ("Leadership:DecisionTime", "must be positive.");
        foreach (var kind in KindList)
            if (!Enum.GetValues<AgreementKind>().Any(k => string.Equals(Names.Kebab(k), kind, StringComparison.OrdinalIgnoreCase)))
                yield return ("Leadership:Kinds", $"names '{kind}', which is no agreement kind (assignment, exclusive-licence, sole-licence, ordinary-licence, equity).");
    }
}
