using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Rewards;

/// <summary>
/// The payments to the people who made a result (奖励和报酬): the reward on grant (at least the minimum for the patent's
/// kind, within the configured months of the grant) and the remuneration of each income (its revenue split's inventors'
/// pool, within the configured months of receiving it). Each is divided by contribution shares, published inside the
/// institution for the configured window (公示, at least 15 days) and only then paid, with its proof; every step goes
/// into the evidence. The owner of <c>tt_rewards</c> and <c>tt_reward_shares</c>.
/// </summary>
public sealed class RewardService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options)
{
    /// <summary>
    /// Opens the reward on grant of a granted invention (once: a second call returns the first). The kind is taken from
    /// <paramref name="kind"/>, else read from the patent number (its type digit: 1 invention, 2 utility model, 3 design).
    /// </summary>
    public Task<Reward> OpenGrantRewardAsync(ActingUser actor, Guid inventionId, PatentKind? kind, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            if (invention.GrantDate is not { } granted || invention.PatentNumber is not { } number)
                throw TechTransferException.Conflict("not-granted", $"{invention.CaseNumber} has no recorded grant: the reward on grant follows the grant.", "inventionId");
            var existing = await db.Rewards.Include(r => r.Shares).FirstOrDefaultAsync(r => r.InventionId == inventionId && r.Kind == RewardKind.GrantReward, ct);
            if (existing is not null) return existing;
            var patentKind = kind ?? KindOf(number)
                ?? throw TechTransferException.Rule("required", $"Say whether {number} is an invention patent, a utility model or a design.", "patentKind");
            var reward = new Reward
            {
                Id = Guid.NewGuid(), InventionId = inventionId, Kind = RewardKind.GrantReward, Status = RewardStatus.Due,
                PatentNumber = number, PatentKind = patentKind, GrantDate = granted, Minimum = MinimumFor(patentKind),
                PaymentDue = granted.AddMonths(options.Rewards.GrantRewardMonths), OpenedAt = clock.GetUtcNow(),
            };
            db.Rewards.Add(reward);
            await evidence.AppendAsync(db, inventionId, actor, "reward.opened", new
            {
                reward.Id, kind = Names.Kebab(reward.Kind), reward.PatentNumber, patentKind = Names.Kebab(patentKind), reward.GrantDate, reward.Minimum, reward.PaymentDue,
            }, ct);
            return reward;
        }, ct);

    /// <summary>The office decides the reward on grant: at least the minimum for the patent's kind, divided by contribution shares.</summary>
    public Task<Reward> DecideGrantRewardAsync(ActingUser actor, Guid rewardId, decimal total, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var reward = await LoadAsync(db, rewardId, ct);
            if (reward.Kind != RewardKind.GrantReward) throw TechTransferException.Conflict("not-a-grant-reward", "A remuneration's sum is its revenue split's.", "rewardId");
            if (reward.Status != RewardStatus.Due)
            {
                if (reward.Total == total) return reward; // the same decision again
                throw TechTransferException.Conflict("already-decided", $"The reward was decided at {reward.Total:0.00} yuan.", "total");
            }
            total = RevenueCalculator.Fen(total);
            EnsureAtLeastMinimum(reward, total);
            var invention = await InventionService.LoadAsync(db, reward.InventionId, ct);
            if (invention.Inventors.Count == 0) throw TechTransferException.Rule("no-inventors", "The invention names no inventors.", "inventionId");
            InventionService.EnsureSharesSumTo100(invention.Inventors.Select(i => i.Share));
            var people = invention.Inventors.Select(i => new RevenueCalculator.Person(i.UserId, i.Share, i.Position)).ToList();
            foreach (var (userId, amount) in RevenueCalculator.Divide(total, people))
                reward.Shares.Add(new RewardShare { RewardId = reward.Id, UserId = userId, Amount = amount, ContributionShare = invention.Inventors.First(i => i.UserId == userId).Share });
            reward.Total = total;
            reward.Status = RewardStatus.Decided;
            reward.DecidedAt = clock.GetUtcNow();
            reward.DecidedBy = actor.UserId;
            reward.Version++;
            await evidence.AppendAsync(db, reward.InventionId, actor, "reward.decided", new
            {
                reward.Id, kind = Names.Kebab(reward.Kind), total, reward.Minimum, reward.PaymentDue, shares = reward.Shares.Select(s => new { s.UserId, s.ContributionShare, s.Amount }),
            }, ct);
            return reward;
        }, ct);

    /// <summary>Refuses a reward on grant below the minimum for its patent's kind (400 naming <c>total</c>).</summary>
    public static void EnsureAtLeastMinimum(Reward reward, decimal total)
    {
        if (total >= reward.Minimum) return;
        var kind = reward.PatentKind switch { PatentKind.Invention => "an invention patent", PatentKind.Design => "a design", _ => "a utility model" };
        throw TechTransferException.Rule("below-minimum-reward",
            $"The reward on grant of {kind} is at least {reward.Minimum:0.00} yuan (Implementing Rules 2023 art. 93); {total:0.00} is below it.", "total");
    }

    /// <summary>The checks of <see cref="RecordPaymentAsync"/> without paying, so an endpoint can say why before it completes the step.</summary>
    public Task CheckPayableAsync(ActingUser actor, Guid rewardId, Guid? proofId, CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var reward = await LoadAsync(db, rewardId, ct);
            await EnsurePayableAsync(db, reward, proofId, ct);
            return true;
        }, ct);

    private async Task<string?> EnsurePayableAsync(TechTransferDbContext db, Reward reward, Guid? proofId, CancellationToken ct)
    {
        if (reward.Status == RewardStatus.Paid) throw TechTransferException.Conflict("already-paid", $"The reward was paid on {reward.PaidOn:yyyy-MM-dd}.", "rewardId");
        if (reward.Status != RewardStatus.Published)
            throw TechTransferException.Conflict("not-published", "A reward is published for the whole window before it is paid.", "rewardId");
        if (clock.GetUtcNow() < reward.PublicationEndsAt)
            throw TechTransferException.Conflict("publication-running", $"The reward is published until {reward.PublicationEndsAt:yyyy-MM-dd HH:mm} UTC; it is paid after that.", "rewardId");
        if (reward.AgreementId is { } agreementId
            && !await db.Agreements.AnyAsync(a => a.Id == agreementId && a.ContractRegisteredOn != null, ct))
            throw TechTransferException.Conflict("contract-not-registered",
                "Remuneration from an income is paid once the technology contract is registered (技术合同认定登记).", "rewardId");
        if (proofId is not { } id) return null;
        var proof = await db.Attachments.FirstOrDefaultAsync(a => a.Id == id && a.InventionId == reward.InventionId, ct)
                    ?? throw TechTransferException.Rule("wrong-attachment", "The payment proof is not an attachment of this invention.", "paymentProofId");
        return proof.Sha256;
    }

    /// <summary>Opens the remuneration of a revenue split (inside the split's transaction), decided at its inventors' pool.</summary>
    internal async Task<Reward> OpenRemunerationAsync(TechTransferDbContext db, ActingUser actor, RevenueSplit split, DateOnly receivedOn, CancellationToken ct)
    {
        var reward = new Reward
        {
            Id = Guid.NewGuid(), InventionId = split.InventionId, Kind = RewardKind.Remuneration, Status = RewardStatus.Decided,
            RevenueSplitId = split.Id, AgreementId = split.AgreementId, Total = split.InventorPool,
            PaymentDue = receivedOn.AddMonths(options.Rewards.PaymentMonths), OpenedAt = clock.GetUtcNow(), DecidedAt = clock.GetUtcNow(), DecidedBy = actor.UserId,
        };
        foreach (var share in split.Shares)
            reward.Shares.Add(new RewardShare { RewardId = reward.Id, UserId = share.UserId, ContributionShare = share.ContributionShare, Amount = share.Amount });
        db.Rewards.Add(reward);
        await evidence.AppendAsync(db, split.InventionId, actor, "reward.decided", new
        {
            reward.Id, kind = Names.Kebab(reward.Kind), revenueSplitId = split.Id, split.AgreementId, total = reward.Total, receivedOn, reward.PaymentDue,
            shares = reward.Shares.Select(s => new { s.UserId, s.ContributionShare, s.Amount }),
        }, ct);
        return reward;
    }

    /// <summary>Publishes a decided reward inside the institution (公示) for the configured window; it may be paid once that has run.</summary>
    public Task<Reward> PublishAsync(ActingUser actor, Guid rewardId, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var reward = await LoadAsync(db, rewardId, ct);
            if (reward.Status is RewardStatus.Published or RewardStatus.Paid) return reward;
            if (reward.Status != RewardStatus.Decided) throw TechTransferException.Conflict("not-decided", "The reward's sum is not decided yet.", "rewardId");
            var now = clock.GetUtcNow();
            reward.Status = RewardStatus.Published;
            reward.PublishedAt = now;
            reward.PublicationEndsAt = now + options.Rewards.PublicationWindow;
            reward.PublishedBy = actor.UserId;
            reward.Version++;
            await evidence.AppendAsync(db, reward.InventionId, actor, "reward.published", new
            {
                reward.Id, kind = Names.Kebab(reward.Kind), reward.Total, from = now, until = reward.PublicationEndsAt,
                shares = reward.Shares.Select(s => new { s.UserId, s.Amount }),
            }, ct);
            return reward;
        }, ct);

    /// <summary>
    /// Records the payment of a published reward, with its reference and, where given, the proof (an attachment of the
    /// invention, whose hash goes into the evidence). Refused while the publication runs.
    /// </summary>
    public Task<Reward> RecordPaymentAsync(ActingUser actor, Guid rewardId, DateOnly paidOn, string reference, Guid? proofId, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var reward = await LoadAsync(db, rewardId, ct);
            if (reward.Status == RewardStatus.Paid && reward.PaidOn == paidOn && reward.PaymentReference == reference) return reward; // the same payment again
            var proofHash = await EnsurePayableAsync(db, reward, proofId, ct);
            var now = clock.GetUtcNow();
            if (string.IsNullOrWhiteSpace(reference)) throw TechTransferException.Rule("required", "Give the payment's reference (voucher or transfer number).", "paymentReference");
            TextRules.Check(reference, "paymentReference", options.Limits.Name, singleLine: true);
            if (paidOn > DateOnly.FromDateTime(now.UtcDateTime.AddHours(14))) throw TechTransferException.Rule("in-the-future", "The payment date is in the future.", "paidOn");
            reward.Status = RewardStatus.Paid;
            reward.PaidOn = paidOn;
            reward.PaidAt = now;
            reward.PaidBy = actor.UserId;
            reward.PaymentReference = reference;
            reward.PaymentProofId = proofId;
            reward.Version++;
            await evidence.AppendAsync(db, reward.InventionId, actor, "reward.paid", new
            {
                reward.Id, kind = Names.Kebab(reward.Kind), reward.Total, paidOn, reference, paymentProofId = proofId, paymentProofSha256 = proofHash,
                late = paidOn > reward.PaymentDue,
            }, ct);
            return reward;
        }, ct);

    public async Task<Reward> GetAsync(ActingUser actor, Guid rewardId, CancellationToken ct = default)
    {
        var reward = await store.ReadAsync(db => db.Rewards.Include(r => r.Shares).FirstOrDefaultAsync(r => r.Id == rewardId, ct), ct)
                     ?? throw TechTransferException.NotFound("Reward", rewardId);
        await EnsureMaySeeAsync(actor, reward.InventionId, ct);
        return reward;
    }

    /// <summary>The rewards of an invention, oldest first: its inventors and the office see them.</summary>
    public async Task<List<Reward>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await EnsureMaySeeAsync(actor, inventionId, ct);
        var list = await store.ReadAsync(db => db.Rewards.Include(r => r.Shares).Where(r => r.InventionId == inventionId).ToListAsync(ct), ct);
        return list.OrderBy(r => r.OpenedAt).ToList();
    }

    /// <summary>The least reward on grant for a patent of <paramref name="kind"/>, as configured.</summary>
    public decimal MinimumFor(PatentKind kind) => kind switch
    {
        PatentKind.Invention => options.Rewards.InventionPatentMinimum,
        PatentKind.UtilityModel => options.Rewards.UtilityModelMinimum,
        _ => options.Rewards.DesignMinimum,
    };

    /// <summary>
    /// The kind a Chinese patent number names: ZL + year (4 digits, 2 before 2004) + type digit (1 or 8 invention, 2 or 9
    /// utility model, 3 design) + serial and check digit; null when the number is not of that form.
    /// </summary>
    public static PatentKind? KindOf(string patentNumber)
    {
        var text = patentNumber.Trim();
        if (!text.StartsWith("ZL", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("CN", StringComparison.OrdinalIgnoreCase)) return null;
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        var at = digits.Length >= 12 ? 4 : digits.Length is 9 ? 2 : -1;
        if (at < 0) return null;
        return digits[at] switch
        {
            '1' or '8' => PatentKind.Invention,
            '2' or '9' => PatentKind.UtilityModel,
            '3' => PatentKind.Design,
            _ => null,
        };
    }

    private static async Task<Reward> LoadAsync(TechTransferDbContext db, Guid rewardId, CancellationToken ct) =>
        await db.Rewards.Include(r => r.Shares).FirstOrDefaultAsync(r => r.Id == rewardId, ct) ?? throw TechTransferException.NotFound("Reward", rewardId);

    private async Task EnsureMaySeeAsync(ActingUser actor, Guid inventionId, CancellationToken ct)
    {
        var invention = await store.ReadAsync(db => InventionService.LoadAsync(db, inventionId, ct), ct);
        if (!actor.IsOffice && invention.Inventors.All(i => i.UserId != actor.UserId))
            throw TechTransferException.NotFound("Invention", inventionId);
    }
}
