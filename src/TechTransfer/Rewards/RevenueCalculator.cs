namespace TechTransfer.Rewards;

/// <summary>
/// The arithmetic of a revenue split, to the fen: the inventors' pool is rounded half away from zero; each inventor gets
/// their contribution share of it rounded down, and the fens left over go one each to the largest remainders (ties:
/// the order on the disclosure), so the amounts always add up to the pool exactly.
/// </summary>
public static class RevenueCalculator
{
    public sealed record Person(string UserId, decimal ContributionShare, int Position);

    public sealed record Result(decimal NetIncome, decimal InventorPool, decimal StaffPool, decimal InstitutionShare, IReadOnlyList<(string UserId, decimal Amount)> Amounts);

    /// <summary>
    /// Net income, the reward total (the inventors' rate of it), the staff's share of <paramref name="staffBase"/> (of net
    /// income beside the reward total, or of the reward total out of it: Zhejiang), the inventors' pool and their amounts.
    /// </summary>
    public static Result Split(decimal income, decimal costs, decimal taxes, decimal inventorRate, decimal staffRate, IReadOnlyList<Person> inventors,
        StaffShareBase staffBase = StaffShareBase.NetIncome)
    {
        var net = Math.Max(0m, Fen(income - costs - taxes));
        var rewardTotal = Fen(net * inventorRate);
        var staff = Fen((staffBase == StaffShareBase.RewardTotal ? rewardTotal : net) * staffRate);
        var pool = staffBase == StaffShareBase.RewardTotal ? rewardTotal - staff : rewardTotal;
        return new Result(net, pool, staff, net - pool - staff, Divide(pool, inventors));
    }

    /// <summary>Divides <paramref name="pool"/> by contribution shares, to the fen, the amounts adding up to it exactly.</summary>
    public static IReadOnlyList<(string UserId, decimal Amount)> Divide(decimal pool, IReadOnlyList<Person> inventors)
    {
        var totalShares = inventors.Sum(p => p.ContributionShare);
        var amounts = inventors.Select(p =>
        {
            var exact = totalShares == 0 ? 0 : pool * p.ContributionShare / totalShares;
            var floor = Math.Floor(exact * 100m) / 100m;
            return (Person: p, Amount: floor, Remainder: exact - floor);
        }).ToList();
        var leftover = (int)Math.Round((pool - amounts.Sum(a => a.Amount)) * 100m);
        foreach (var winner in amounts.OrderByDescending(a => a.Remainder).ThenBy(a => a.Person.Position).Take(leftover).ToList())
        {
            var i = amounts.IndexOf(winner);
            amounts[i] = winner with { Amount = winner.Amount + 0.01m };
        }
        return amounts.OrderBy(a => a.Person.Position).Select(a => (a.Person.UserId, a.Amount)).ToList();
    }

    public static decimal Fen(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
}
