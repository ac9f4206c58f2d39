using Microsoft.EntityFrameworkCore;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Rewards;

/// <summary>
/// Remuneration from a transfer or licence: net income (income minus costs and taxes), at least the configured share
/// to the inventors (50% by law, 70% in Zhejiang and Beijing), the staff's share, split by contribution shares to the
/// fen. The staff's share is of net income or of the reward total (<see cref="StaffShareBase"/>). Each split opens the
/// remuneration that pays it (<see cref="RewardService"/>). Every income under an agreement is split the same way, the first
/// and every royalty after it, with a running total per agreement. The owner of <c>tt_revenue_splits</c> and <c>tt_revenue_shares</c>.
/// </summary>
public sealed class RevenueService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options, RewardService rewards)
{
    public Task<RevenueSplit> SplitAsync(ActingUser actor, Guid inventionId, IncomeRecord income, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (income.Income < 0) throw TechTransferException.Rule("negative", "Income cannot be negative.", "income");
            if (income.Costs < 0) throw TechTransferException.Rule("negative", "Costs cannot be negative.", "costs");
            if (income.Taxes < 0) throw TechTransferException.Rule("negative", "Taxes cannot be negative.", "taxes");
            var rate = income.InventorRate ?? options.Revenue.InventorShare;
            if (rate < options.Revenue.InventorShare)
                throw TechTransferException.Rule("below-minimum-share", $"The inventors receive at least {options.Revenue.InventorShare:P0} of net income.", "inventorRate");
            var staffBase = options.Revenue.StaffShareBase;
            if (staffBase == StaffShareBase.NetIncome && rate + options.Revenue.StaffShare > 1m)
                throw TechTransferException.Rule("shares-above-100", "The inventors' and staff's shares exceed the whole income.", "inventorRate");
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            if (invention.Inventors.Count == 0) throw TechTransferException.Rule("no-inventors", "The invention names no inventors.", "inventionId");
            InventionService.EnsureSharesSumTo100(invention.Inventors.Select(i => i.Share));
            if (income.AgreementId is { } agreementId && !await db.Agreements.AnyAsync(a => a.Id == agreementId && a.InventionId == inventionId, ct))
                throw TechTransferException.Rule("wrong-agreement", "That agreement is not of this invention.", "agreementId");
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var receivedOn = income.ReceivedOn ?? today;
            if (receivedOn > today.AddDays(1)) throw TechTransferException.Rule("in-the-future", "The income's date is in the future.", "receivedOn");

            var result = RevenueCalculator.Split(income.Income, income.Costs, income.Taxes, rate, options.Revenue.StaffShare,
                invention.Inventors.Select(i => new RevenueCalculator.Person(i.UserId, i.Share, i.Position)).ToList(), staffBase);
            var split = new RevenueSplit
            {
                Id = Guid.NewGuid(), InventionId = inventionId, AgreementId = income.AgreementId, Income = income.Income, Costs = income.Costs,
                Taxes = income.Taxes, NetIncome = result.NetIncome, InventorRate = rate, StaffRate = options.Revenue.StaffShare,
                InventorPool = result.InventorPool, StaffPool = result.StaffPool, InstitutionShare = result.InstitutionShare,
                StaffBase = staffBase, ReceivedOn = receivedOn, ComputedAt = clock.GetUtcNow(), ComputedBy = actor.UserId,
            };
            foreach (var (userId, amount) in result.Amounts)
                split.Shares.Add(new RevenueShare
                {
                    SplitId = split.Id, UserId = userId, Amount = amount,
                    ContributionShare = invention.Inventors.First(i => i.UserId == userId).Share,
                });
            db.RevenueSplits.Add(split);
            await evidence.AppendAsync(db, inventionId, actor, "revenue.split", new
            {
                split.Id, split.AgreementId, income.Income, income.Costs, income.Taxes, receivedOn, result.NetIncome, rate, staffRate = options.Revenue.StaffShare,
                staffBase = Common.Names.Kebab(staffBase), result.InventorPool, result.StaffPool, result.InstitutionShare, shares = result.Amounts.Select(a => new { a.UserId, a.Amount }),
            });
            split.RewardId = (await rewards.OpenRemunerationAsync(db, actor, split, receivedOn, ct)).Id;
            return split;
        }, ct);

    /// <summary>
    /// The running totals per agreement (and for income recorded under none): how many incomes, and the sums of income,
    /// net income, the inventors' pool, the staff's and the institution's, and what of the inventors' was paid.
    /// </summary>
    public async Task<List<AgreementRevenueTotal>> TotalsAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        var splits = await ListAsync(actor, inventionId, ct);
        var paid = await store.ReadAsync(db => db.Rewards.Where(r => r.InventionId == inventionId && r.Kind == RewardKind.Remuneration && r.Status == RewardStatus.Paid)
            .Select(r => r.RevenueSplitId).ToListAsync(ct), ct);
        return splits.GroupBy(s => s.AgreementId).Select(g => new AgreementRevenueTotal(
            g.Key, g.Count(), g.Sum(s => s.Income), g.Sum(s => s.NetIncome), g.Sum(s => s.InventorPool), g.Sum(s => s.StaffPool), g.Sum(s => s.InstitutionShare),
            g.Where(s => paid.Contains(s.Id)).Sum(s => s.InventorPool), g.Max(s => s.ComputedAt))).ToList();
    }

    /// <summary>The splits of an invention: its inventors and the office see them.</summary>
    public async Task<List<RevenueSplit>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        var invention = await store.ReadAsync(db => InventionService.LoadAsync(db, inventionId, ct), ct);
        if (!actor.IsOffice && invention.Inventors.All(i => i.UserId != actor.UserId))
            throw TechTransferException.NotFound("Invention", inventionId);
        var list = await store.ReadAsync(db => db.RevenueSplits.Include(s => s.Shares).Where(s => s.InventionId == inventionId).ToListAsync(ct), ct);
        return list.OrderBy(s => s.ComputedAt).ToList();
    }
}
