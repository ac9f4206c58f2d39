using Microsoft.EntityFrameworkCore;
using TechTransfer.Persistence;
using TechTransfer.Rewards;

namespace TechTransfer.Reporting;

/// <summary>
/// The money figures of the office's dashboard per calendar year in the office's time zone, computed from the records:
/// contracts by the day they were signed, income by the day it was received (the day it was recorded when none was
/// given), rewards by the day they were paid. Aggregates only: no case's data leaves here.
/// </summary>
public sealed class MoneyStatistics(DomainStore store)
{
    public Task<List<MoneyPeriod>> ByYearAsync(TimeZoneInfo zone, CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            var contracts = await db.Agreements.Select(a => new { a.Consideration, a.SignedAt }).ToListAsync(ct);
            var income = await db.RevenueSplits.Select(s => new { s.Income, s.ReceivedOn, s.ComputedAt }).ToListAsync(ct);
            var rewards = await db.Rewards.Where(r => r.Status == RewardStatus.Paid && r.Total != null)
                .Select(r => new { r.Total, r.PaidOn, r.PaidAt }).ToListAsync(ct);

            int YearOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone).Year;
            var years = new SortedDictionary<int, MoneyPeriod>();
            MoneyPeriod Year(int year) => years.TryGetValue(year, out var p) ? p : years[year] = new MoneyPeriod(year, 0, 0, 0, 0);
            foreach (var c in contracts)
            {
                var p = Year(YearOf(c.SignedAt));
                years[p.Year] = p with { ContractValue = p.ContractValue + c.Consideration, Contracts = p.Contracts + 1 };
            }
            foreach (var i in income)
            {
                var p = Year(i.ReceivedOn?.Year ?? YearOf(i.ComputedAt));
                years[p.Year] = p with { Income = p.Income + i.Income };
            }
            foreach (var r in rewards)
            {
                var p = Year(r.PaidOn?.Year ?? (r.PaidAt is { } at ? YearOf(at) : 0));
                years[p.Year] = p with { RewardsPaid = p.RewardsPaid + r.Total!.Value };
            }
            return years.Values.Where(p => p.Year > 0).ToList();
        }, ct);
}
