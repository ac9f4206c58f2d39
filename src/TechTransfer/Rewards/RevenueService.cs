using Microsoft.EntityFrameworkCore;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Rewards;

/// <summary>
/// Remuneration from a transfer or licence: net income (income minus costs and taxes), at least the configured share
/// to the inventors (50% by law, 70% in Zhejiang and Beijing), the staff's share, split by contribution shares to the
/// fen. The owner of <c>tt_revenue_splits</c> and <c>tt_revenue_shares</c>.
/// </summary>
public sealed class RevenueService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options)
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
            if (rate + options.Revenue.StaffShare > 1m)
                throw TechTransferException.Rule("shares-above-100", "The inventors' and staff's shares exceed the whole income.", "inventorRate");
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            if (invention.Inventors.Count == 0) throw TechTransferException.Rule("no-inventors", "The invention names no inventors.", "inventionId");
            InventionService.EnsureSharesSumTo100(invention.Inventors.Select(i => i.Share));
            if (income.AgreementId is { } agreementId && !await db.Agreements.AnyAsync(a => a.Id == agreementId && a.InventionId == inventionId, ct))
                throw TechTransferException.Rule("wrong-agreement", "That agreement is not of this invention.", "agreementId");

            var result = RevenueCalculator.Split(income.Income, income.Costs, income.Taxes, rate, options.Revenue.StaffShare,
                invention.Inventors.Select(i => new RevenueCalculator.Person(i.UserId, i.Share, i.Position)).ToList());
            var split = new RevenueSplit
            {
                Id = Guid.NewGuid(), InventionId = inventionId, AgreementId = income.AgreementId, Income = income.Income, Costs = income.Costs,
                Taxes = income.Taxes, NetIncome = result.NetIncome, InventorRate = rate, StaffRate = options.Revenue.StaffShare,
                InventorPool = result.InventorPool, StaffPool = result.StaffPool, InstitutionShare = result.InstitutionShare,
                ComputedAt = clock.GetUtcNow(), ComputedBy = actor.UserId,
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
                split.Id, income.Income, income.Costs, income.Taxes, result.NetIncome, rate, staffRate = options.Revenue.StaffShare,
                result.InventorPool, result.StaffPool, result.InstitutionShare, shares = result.Amounts.Select(a => new { a.UserId, a.Amount }),
            });
            return split;
        }, ct);

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
