using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;
using TechTransfer.Rewards;

namespace TechTransfer.Portfolio;

/// <summary>
/// The patent portfolio (every patent the institution holds) and its annual-fee calendar: search, the fees due, a fee's
/// payment, the keep-or-abandon decision before a fee is due (opened and recorded by the fee-decision process), the legal
/// status as the calendar moves on, and the patents that join by themselves when an invention's grant is recorded. The
/// owner of <c>tt_portfolio_patents</c> and <c>tt_portfolio_inventors</c>. Each patent's decisions go into its evidence
/// chain (its invention's, when it came through a disclosure); each import into the register's own chain.
/// </summary>
public sealed class PortfolioService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options)
{
    /// <summary>The evidence chain of the portfolio register itself: one entry per committed import.</summary>
    public static readonly Guid RegisterChain = new("7f0a5e11-0000-4000-8000-000000000015");

    public Task<PortfolioPage> ListAsync(ActingUser actor, PortfolioQuery query, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        if (query.Take is < 1 or > 500) throw TechTransferException.Rule("invalid-value", "take is between 1 and 500.", "take");
        if (query.Skip < 0) throw TechTransferException.Rule("invalid-value", "skip cannot be negative.", "skip");
        return store.ReadAsync(async db =>
        {
            var q = db.Patents.AsQueryable();
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var text = query.Text.Trim();
                var number = PatentNumber.Normalize(text, out _, out _);
                q = q.Where(p => p.Number == number || p.Number.Contains(text) || p.Title.Contains(text)
                                 || db.PatentInventors.Any(i => i.PatentId == p.Id && i.Name.Contains(text)));
            }
            if (query.Status is { } status) q = q.Where(p => p.LegalStatus == status);
            if (query.Kind is { } kind) q = q.Where(p => p.Kind == kind);
            if (!string.IsNullOrWhiteSpace(query.College)) q = q.Where(p => p.College == query.College.Trim());
            if (query.FeeDueBy is { } by) q = q.Where(p => p.NextFeeDue != null && p.NextFeeDue <= by);
            var total = await q.CountAsync(ct);
            var items = await q.OrderBy(p => p.Number).Skip(query.Skip).Take(query.Take).Include(p => p.Inventors).ToListAsync(ct);
            foreach (var p in items) p.Inventors = p.Inventors.OrderBy(i => i.Position).ToList();
            return new PortfolioPage(items, total);
        }, ct);
    }

    public async Task<Patent> GetAsync(ActingUser actor, Guid id, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        var patent = await store.ReadAsync(db => LoadAsync(db, id, ct), ct);
        patent.Inventors = patent.Inventors.OrderBy(i => i.Position).ToList();
        return patent;
    }

    /// <summary>The colleges the portfolio names, for filters.</summary>
    public Task<List<string>> CollegesAsync(ActingUser actor, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        return store.ReadAsync(db => db.Patents.Where(p => p.College != null).Select(p => p.College!).Distinct().OrderBy(c => c).ToListAsync(ct), ct);
    }

    /// <summary>The fees due from <paramref name="from"/> to <paramref name="to"/> (both included) of patents in force or in their grace period, soonest first.</summary>
    public Task<List<FeeCalendarEntry>> FeeCalendarAsync(ActingUser actor, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        if (to < from) throw TechTransferException.Rule("invalid-range", "'to' is on or after 'from'.", "to");
        if (to.DayNumber - from.DayNumber > 3 * 366) throw TechTransferException.Rule("invalid-range", "The calendar shows at most three years at once.", "to");
        return store.ReadAsync(async db =>
        {
            var patents = await db.Patents.Where(p => p.NextFeeDue != null && p.NextFeeDue >= from && p.NextFeeDue <= to && p.LegalStatus != PatentLegalStatus.Lapsed)
                .OrderBy(p => p.NextFeeDue).ThenBy(p => p.Number).ToListAsync(ct);
            return patents.Select(p => Entry(p, p.NextFeeDue!.Value)).ToList();
        }, ct);
    }

    private FeeCalendarEntry Entry(Patent p, DateOnly due) => new(p.Id, p.Number, p.Title, p.College, p.LegalStatus, due, FeeCalendar.GraceEnds(due),
        DecisionOpens(due), p.DecisionOpenedFor == due, p.FeeDecisionFor == due ? p.FeeDecision : null);

    /// <summary>The day the keep-or-abandon decision of a fee due on <paramref name="due"/> opens.</summary>
    public DateOnly DecisionOpens(DateOnly due) => due.AddDays(-(int)Math.Ceiling(options.Portfolio.DecisionLeadTime.TotalDays));

    /// <summary>
    /// Records that the fee due on <paramref name="due"/> was paid on <paramref name="paidOn"/>: the next fee falls due on the
    /// next filing anniversary (none once the term has run) and a patent in its grace period is in force again. 409 when
    /// that fee is not the one due, or the patent lapsed; a payment recorded already for that due is answered as before.
    /// </summary>
    public Task<Patent> RecordFeePaymentAsync(ActingUser actor, Guid id, DateOnly due, DateOnly paidOn, string? reference, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            TextRules.Check(reference, "reference", options.Limits.Name, singleLine: true);
            var patent = await LoadAsync(db, id, ct);
            if (patent.NextFeeDue is not { } next || next > due)
            {
                var paid = await EvidenceLog.OfActionAsync(db, patent.EvidenceChain, "patent.fee-paid", ct);
                if (paid.Any(e => e.Payload.Contains($"\"due\":\"{due:yyyy-MM-dd}\"", StringComparison.Ordinal) && e.Payload.Contains(patent.Number, StringComparison.Ordinal)))
                    return patent;
            }
            if (patent.LegalStatus == PatentLegalStatus.Lapsed) throw TechTransferException.Conflict("lapsed", $"{patent.Number} has lapsed: no fee is payable.", "due");
            if (patent.NextFeeDue != due)
                throw TechTransferException.Conflict("not-the-fee-due", $"The fee of {patent.Number} due next is {patent.NextFeeDue:yyyy-MM-dd}, not {due:yyyy-MM-dd}.", "due");
            var today = Today();
            if (paidOn > today) throw TechTransferException.Rule("in-the-future", "The payment date is in the future.", "paidOn");
            if (paidOn > FeeCalendar.GraceEnds(due)) throw TechTransferException.Rule("after-grace-period", $"A fee due on {due:yyyy-MM-dd} can be paid until {FeeCalendar.GraceEnds(due):yyyy-MM-dd}.", "paidOn");
            var surcharge = paidOn > due;
            patent.NextFeeDue = FeeCalendar.NextDueOnOrAfter(patent.Kind, patent.FilingDate, due.AddDays(1));
            patent.LegalStatus = PatentLegalStatus.Valid;
            Touch(patent);
            await evidence.AppendAsync(db, patent.EvidenceChain, actor, "patent.fee-paid",
                new { patentId = patent.Id, patent.Number, due, paidOn, surcharge, reference, nextFeeDue = patent.NextFeeDue }, ct);
            return patent;
        }, ct);

    /// <summary>
    /// Opens the keep-or-abandon decision of the fee due on <paramref name="due"/> (the fee-decision process's first step):
    /// once per due. Answers the inventors with an account, who are asked for their view.
    /// </summary>
    public Task<Patent> OpenFeeDecisionAsync(ActingUser actor, Guid id, DateOnly due, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var patent = await LoadAsync(db, id, ct);
            if (patent.DecisionOpenedFor == due) return patent;
            if (patent.NextFeeDue != due)
                throw TechTransferException.Conflict("not-the-fee-due", $"The fee of {patent.Number} due next is {patent.NextFeeDue:yyyy-MM-dd}, not {due:yyyy-MM-dd}.", "feeDue");
            patent.DecisionOpenedFor = due;
            Touch(patent);
            await evidence.AppendAsync(db, patent.EvidenceChain, actor, "fee-decision.opened", new
            {
                patentId = patent.Id, patent.Number, due, graceEnds = FeeCalendar.GraceEnds(due),
                inventors = patent.Inventors.OrderBy(i => i.Position).Select(i => new { i.Name, i.UserId }),
            }, ct);
            return patent;
        }, ct);

    /// <summary>
    /// Records the office's keep-or-abandon decision of the fee due on <paramref name="due"/>, with the inventors' and the
    /// college's view it was taken with, in the evidence. The same decision again is answered as before; another is 409.
    /// </summary>
    public Task<Patent> RecordFeeDecisionAsync(ActingUser actor, Guid id, DateOnly due, FeeDecision decision, string? reason, FeeDecisionViews views,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(reason)) throw TechTransferException.Rule("required", "Give the reason for the decision.", "decisionReason");
            TextRules.Check(reason, "decisionReason", options.Limits.Text);
            TextRules.Check(views.InventorReason, "inventorReason", options.Limits.Text);
            TextRules.Check(views.CollegeReason, "collegeReason", options.Limits.Text);
            var patent = await LoadAsync(db, id, ct);
            if (patent.FeeDecisionFor == due)
            {
                if (patent.FeeDecision == decision) return patent;
                throw TechTransferException.Conflict("already-decided", $"The fee of {patent.Number} due {due:yyyy-MM-dd} was decided: {Names.Kebab(patent.FeeDecision!.Value)}.", "feeDecision");
            }
            if (patent.NextFeeDue != due)
                throw TechTransferException.Conflict("not-the-fee-due", $"The fee of {patent.Number} due next is {patent.NextFeeDue:yyyy-MM-dd}, not {due:yyyy-MM-dd}.", "feeDue");
            patent.FeeDecision = decision;
            patent.FeeDecisionFor = due;
            Touch(patent);
            await evidence.AppendAsync(db, patent.EvidenceChain, actor, "fee-decision.taken", new
            {
                patentId = patent.Id, patent.Number, due, decision = Names.Kebab(decision), reason,
                inventorView = views.InventorOpinion, views.InventorReason,
                collegeView = views.CollegeOpinion, views.CollegeReason,
                lapsesAfter = decision == FeeDecision.Abandon ? FeeCalendar.GraceEnds(due) : (DateOnly?)null,
            }, ct);
            return patent;
        }, ct);

    /// <summary>The patents whose next fee's decision is open by <paramref name="today"/> and not yet opened (the fee calendar's daily run).</summary>
    public Task<List<Patent>> DecisionsToOpenAsync(DateOnly today, int take, CancellationToken ct = default)
    {
        var horizon = today.AddDays((int)Math.Ceiling(options.Portfolio.DecisionLeadTime.TotalDays));
        return store.ReadAsync(db => db.Patents
            .Where(p => p.LegalStatus != PatentLegalStatus.Lapsed && p.NextFeeDue != null && p.NextFeeDue <= horizon && p.NextFeeDue >= today
                        && (p.DecisionOpenedFor == null || p.DecisionOpenedFor != p.NextFeeDue))
            .OrderBy(p => p.NextFeeDue).Take(take).Include(p => p.Inventors).ToListAsync(ct), ct);
    }

    /// <summary>
    /// Moves the legal status on with the calendar (the fee calendar's daily run): a patent whose fee went unpaid past its
    /// due enters its grace period; after the grace period, or at the end of its term, it lapses. Each change is evidence.
    /// Answers how many changed.
    /// </summary>
    public async Task<int> ApplyCalendarAsync(CancellationToken ct = default)
    {
        var today = Today();
        var candidates = await store.ReadAsync(db => db.Patents
            .Where(p => p.LegalStatus != PatentLegalStatus.Lapsed && ((p.NextFeeDue != null && p.NextFeeDue < today) || (p.NextFeeDue == null && p.GrantDate != null)))
            .Select(p => new { p.Id, p.Kind, p.FilingDate, p.NextFeeDue, p.LegalStatus }).ToListAsync(ct), ct);
        var changed = 0;
        foreach (var id in candidates.Where(c => FeeCalendar.StatusOn(c.Kind, c.FilingDate, c.NextFeeDue, today) != c.LegalStatus).Select(c => c.Id))
        {
            changed += await store.WriteAsync(async db =>
            {
                var patent = await LoadAsync(db, id, ct);
                var status = FeeCalendar.StatusOn(patent.Kind, patent.FilingDate, patent.NextFeeDue, today);
                if (status == patent.LegalStatus) return 0;
                var due = patent.NextFeeDue;
                patent.LegalStatus = status;
                if (status == PatentLegalStatus.Lapsed) patent.NextFeeDue = null;
                Touch(patent);
                var expired = today >= FeeCalendar.TermEnds(patent.Kind, patent.FilingDate);
                await evidence.AppendAsync(db, patent.EvidenceChain, ActingUser.Process(null), status == PatentLegalStatus.Lapsed ? "patent.lapsed" : "patent.fee-overdue",
                    new
                    {
                        patentId = patent.Id, patent.Number, due, graceEnds = due is { } d ? FeeCalendar.GraceEnds(d) : (DateOnly?)null, status = Names.Kebab(status),
                        termEnded = expired ? FeeCalendar.TermEnds(patent.Kind, patent.FilingDate) : (DateOnly?)null,
                        decision = patent.FeeDecisionFor == due && patent.FeeDecision is { } f ? Names.Kebab(f) : null,
                    }, ct);
                return 1;
            }, ct);
        }
        return changed;
    }

    /// <summary>
    /// The patent of an invention whose grant was just recorded joins the portfolio (inside the grant's transaction): a new
    /// entry, or the one an import made under the same number, now linked to the invention.
    /// </summary>
    internal async Task JoinFromGrantAsync(TechTransferDbContext db, ActingUser actor, Invention invention, CancellationToken ct)
    {
        if (invention.PatentNumber is not { } raw || invention.GrantDate is not { } granted || invention.FilingDate is not { } filed) return;
        var number = PatentNumber.Normalize(raw, out _, out _) ?? raw.Trim().ToUpperInvariant();
        var today = Today();
        var patent = await db.Patents.Include(p => p.Inventors).FirstOrDefaultAsync(p => p.Number == number, ct);
        var created = patent is null;
        if (patent is null)
        {
            var kind = PatentNumber.KindOf(number) ?? (invention.ApplicationNumber is { } a ? PatentNumber.KindOf("ZL" + a) : null);
            patent = new Patent
            {
                Id = Guid.NewGuid(), Number = number, Title = invention.Title, Kind = kind, FilingDate = filed, Source = PatentSource.Disclosure,
                Holder = options.Portfolio.Holder, IpcClasses = invention.IpcClass, FiscallyFunded = invention.FiscallyFunded,
                FundedProject = invention.FundedProject, Funder = invention.Funder, CreatedAt = clock.GetUtcNow(),
            };
            foreach (var inventor in invention.Inventors.OrderBy(i => i.Position))
                patent.Inventors.Add(new PatentInventor { PatentId = patent.Id, Position = patent.Inventors.Count + 1, Name = inventor.Name, UserId = inventor.UserId });
            db.Patents.Add(patent);
        }
        patent.InventionId ??= invention.Id;
        patent.GrantDate = granted;
        patent.LegalStatus = PatentLegalStatus.Valid;
        patent.NextFeeDue = FeeCalendar.NextDueOnOrAfter(patent.Kind, patent.FilingDate, granted > today ? granted : today);
        Touch(patent);
        await evidence.AppendAsync(db, invention.Id, actor, "portfolio.joined",
            new { patentId = patent.Id, number, created, grantDate = granted, nextFeeDue = patent.NextFeeDue }, ct);
    }

    internal static async Task<Patent> LoadAsync(TechTransferDbContext db, Guid id, CancellationToken ct) =>
        await db.Patents.Include(p => p.Inventors).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw TechTransferException.NotFound("Patent", id);

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private void Touch(Patent patent)
    {
        patent.UpdatedAt = clock.GetUtcNow();
        patent.Version++;
    }
}
