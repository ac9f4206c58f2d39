using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// The inventory campaign (盘点) and the transferable-resource pool (可转化资源库): an administrator opens a campaign over a
/// scope of the portfolio; each patent's grading process (<c>patent-inventory-grading</c>) opens its grading, records the
/// inventors' self-grading, the college's and the university's reviews, and the idle rule's action; accepted patents
/// enter the pool. The owner of <c>tt_inventory_campaigns</c>, <c>tt_inventory_entries</c> and <c>tt_resource_pool</c>.
/// Every decision goes into the patent's evidence; each opening into the campaign's own chain.
/// </summary>
public sealed class CampaignService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options, IPeopleDirectory people)
{
    private CampaignOptions Config => options.Portfolio.Campaign;

    public IReadOnlyList<AssessmentCriterion> Criteria => Config.Criteria;
    public IReadOnlyList<GradeTier> Tiers => Config.Tiers;

    /// <summary>
    /// Opens a campaign over every patent its scope takes (in force; of the college, when one is named; unconverted unless
    /// asked) that no open campaign holds already. Answers the campaign and its patents, whose grading the caller starts.
    /// </summary>
    public Task<(InventoryCampaign Campaign, List<Patent> Patents)> OpenAsync(ActingUser actor, CampaignScope scope, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var title = scope.Title?.Trim();
            if (string.IsNullOrEmpty(title)) throw TechTransferException.Rule("required", "Give the campaign a title.", "title");
            TextRules.Check(title, "title", options.Limits.Title, singleLine: true);
            var college = string.IsNullOrWhiteSpace(scope.College) ? null : scope.College.Trim();
            var today = Today();
            if (scope.GradingDeadline <= today) throw TechTransferException.Rule("not-in-the-future", "The grading deadline is after today.", "gradingDeadline");
            var escalation = (int)Math.Ceiling(Config.EscalationWindow.TotalDays);
            if (scope.ReviewDeadline <= scope.GradingDeadline.AddDays(2 * escalation))
                throw TechTransferException.Rule("too-early", $"The review deadline leaves the college and then the office {escalation} days each to grade what the inventors did not: after {scope.GradingDeadline.AddDays(2 * escalation):yyyy-MM-dd}.", "reviewDeadline");

            var busy = db.CampaignEntries.Where(e => e.Status == CampaignEntryStatus.Inventoried || e.Status == CampaignEntryStatus.Graded
                                                     || e.Status == CampaignEntryStatus.CollegeAccepted).Select(e => e.PatentId);
            var q = db.Patents.Where(p => p.LegalStatus == PatentLegalStatus.Valid && !busy.Contains(p.Id));
            if (college is not null) q = q.Where(p => p.College == college);
            if (!scope.IncludeConverted) q = q.Where(p => p.Transfers + p.Licences == 0);
            var patents = await q.OrderBy(p => p.Number).Include(p => p.Inventors).ToListAsync(ct);
            if (patents.Count == 0) throw TechTransferException.Conflict("nothing-in-scope", "No patent in force is in this scope outside an open campaign.", college is null ? "includeConverted" : "college");

            var campaign = new InventoryCampaign
            {
                Id = Guid.NewGuid(), Title = title, College = college, IncludeConverted = scope.IncludeConverted, GradingDeadline = scope.GradingDeadline,
                ReviewDeadline = scope.ReviewDeadline, OpenedBy = actor.UserId, OpenedAt = clock.GetUtcNow(), Patents = patents.Count,
            };
            db.Campaigns.Add(campaign);
            foreach (var p in patents)
                db.CampaignEntries.Add(new CampaignEntry
                {
                    CampaignId = campaign.Id, PatentId = p.Id, College = p.College, Status = CampaignEntryStatus.Inventoried,
                    ConversionsAtOpen = p.Transfers + p.Licences, IdleFunded = CampaignGrading.IsIdleFunded(p, today, Config.IdleYears),
                });
            await evidence.AppendAsync(db, campaign.Id, actor, "campaign.opened", new
            {
                campaignId = campaign.Id, title, college, scope.IncludeConverted, scope.GradingDeadline, scope.ReviewDeadline, patents = patents.Count,
                criteria = Config.Criteria.Select(c => new { c.Key, c.Weight }), tiers = Config.Tiers.Select(t => new { t.Key, t.MinScore }),
            }, ct);
            return (campaign, patents);
        }, ct);

    public Task<List<InventoryCampaign>> ListAsync(ActingUser actor, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        return store.ReadAsync(db => db.Campaigns.OrderByDescending(c => c.OpenedAt).ToListAsync(ct), ct);
    }

    public async Task<InventoryCampaign> GetAsync(ActingUser actor, Guid id, CancellationToken ct = default)
    {
        if (!actor.IsOffice && ReviewedColleges(actor).Count == 0) throw TechTransferException.Forbidden("Only the office and college reviewers see campaigns.");
        return await store.ReadAsync(db => db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, ct), ct) ?? throw TechTransferException.NotFound("Campaign", id);
    }

    /// <summary>The campaign's patents the actor may see: the office all, a college reviewer their college's, an inventor their own.</summary>
    public async Task<(List<CampaignPatentView> Items, int Total)> EntriesAsync(ActingUser actor, Guid campaignId, string? college, CampaignEntryStatus? status,
        Guid? patentId, int skip, int take, CancellationToken ct = default)
    {
        if (take is < 1 or > 500) throw TechTransferException.Rule("invalid-value", "take is between 1 and 500.", "take");
        await store.ReadAsync(async db => await db.Campaigns.AnyAsync(c => c.Id == campaignId, ct) ? 0 : throw TechTransferException.NotFound("Campaign", campaignId), ct);
        var colleges = ReviewedColleges(actor);
        return await store.ReadAsync(async db =>
        {
            var q = db.CampaignEntries.Where(e => e.CampaignId == campaignId);
            if (!actor.IsOffice)
            {
                var userId = actor.UserId;
                q = q.Where(e => (e.College != null && colleges.Contains(e.College)) || db.PatentInventors.Any(i => i.PatentId == e.PatentId && i.UserId == userId));
            }
            if (!string.IsNullOrWhiteSpace(college)) q = q.Where(e => e.College == college.Trim());
            if (status is { } s) q = q.Where(e => e.Status == s);
            if (patentId is { } one) q = q.Where(e => e.PatentId == one);
            var total = await q.CountAsync(ct);
            var rows = await (from e in q join p in db.Patents.Include(p => p.Inventors) on e.PatentId equals p.Id orderby p.Number select new { e, p })
                .Skip(skip).Take(take).ToListAsync(ct);
            return (rows.Select(r => new CampaignPatentView(r.e, Sorted(r.p))).ToList(), total);
        }, ct);
    }

    /// <summary>
    /// Opens one patent's grading (the grading process's first step; its <c>inventory.opened</c> evidence once). Answers the
    /// campaign, the entry, the patent, and the group that reviews for its college.
    /// </summary>
    public async Task<(InventoryCampaign Campaign, CampaignEntry Entry, Patent Patent, string CollegeGroup)> OpenGradingAsync(ActingUser actor, Guid campaignId,
        Guid patentId, CancellationToken ct = default)
    {
        var opened = await store.WriteAsync(async db =>
        {
            var (campaign, entry, patent) = await LoadAsync(db, campaignId, patentId, ct);
            var actions = await EvidenceLog.OfActionAsync(db, patent.EvidenceChain, "inventory.opened", ct);
            if (!actions.Any(a => a.Payload.Contains(campaignId.ToString(), StringComparison.Ordinal)))
                await evidence.AppendAsync(db, patent.EvidenceChain, actor, "inventory.opened", new
                {
                    campaignId, campaign.Title, patentId, patent.Number, campaign.GradingDeadline, campaign.ReviewDeadline, entry.IdleFunded,
                    idleRule = entry.IdleFunded ? $"fiscally funded, granted {patent.GrantDate:yyyy-MM-dd}, not implemented for more than {Config.IdleYears} years" : null,
                }, ct);
            return (campaign, entry, patent);
        }, ct);
        return (opened.campaign, opened.entry, opened.patent, await CollegeGroupAsync(opened.entry.College, ct));
    }

    /// <summary>The group that reviews (and grades, once escalated) for a college: its configured reviewers when they exist, else the office.</summary>
    public async Task<string> CollegeGroupAsync(string? college, CancellationToken ct = default) =>
        college is not null && Config.CollegeReviewers.TryGetValue(college, out var group) && !string.IsNullOrWhiteSpace(group) && await people.GroupHasMembersAsync(group, ct)
            ? group
            : DomainRoles.TechnologyManager;

    /// <summary>Records the self-grading (the inventors', or the college's or the office's once escalated). The same grade again is answered as before.</summary>
    public Task<CampaignEntry> RecordGradeAsync(ActingUser actor, Guid campaignId, Guid patentId, CampaignGrade grade, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var score = CampaignGrading.Score(Config.Criteria, grade.Scores);
            var tier = CampaignGrading.TierOf(Config.Tiers, score);
            var contact = grade.Contact?.Trim();
            if (string.IsNullOrEmpty(contact)) throw TechTransferException.Rule("required", "Name a contact (a person and how to reach them).", "contact");
            TextRules.Check(contact, "contact", options.Limits.Name, singleLine: true);
            TextRules.Check(grade.NotImplementedReason, "notImplementedReason", options.Limits.Text);
            TextRules.Check(grade.Note, "gradeNote", options.Limits.Text);
            var (_, entry, patent) = await LoadAsync(db, campaignId, patentId, ct);
            if (entry.Status != CampaignEntryStatus.Inventoried)
            {
                if (entry.Score == score && entry.Route == grade.Route && entry.Contact == contact) return entry;
                throw TechTransferException.Conflict("already-graded", $"{patent.Number} was graded already in this campaign.", "scores");
            }
            entry.Scores = JsonSerializer.Serialize(grade.Scores, EvidenceLog.Json);
            entry.Score = score;
            entry.Tier = tier.Key;
            entry.Route = grade.Route;
            entry.Contact = contact;
            entry.GradeNote = string.IsNullOrWhiteSpace(grade.Note) ? null : grade.Note.Trim();
            if (!string.IsNullOrWhiteSpace(grade.NotImplementedReason))
            {
                entry.NotImplementedReason = grade.NotImplementedReason.Trim();
                entry.IdleFunded = false;
            }
            entry.GradedBy = actor.UserId;
            entry.GradedAt = clock.GetUtcNow();
            entry.Status = CampaignEntryStatus.Graded;
            entry.Version++;
            await evidence.AppendAsync(db, patent.EvidenceChain, actor, "inventory.graded", new
            {
                campaignId, patentId, patent.Number, scores = grade.Scores, score, tier = tier.Key, route = Names.Kebab(grade.Route), contact,
                entry.NotImplementedReason, note = entry.GradeNote, entry.IdleFunded,
            }, ct);
            return entry;
        }, ct);

    /// <summary>
    /// Records the college's review (<paramref name="university"/> false) or the university's; a refusal needs its reasons
    /// and keeps them. The university's acceptance puts the patent into the pool. The same decision again is answered as before.
    /// </summary>
    public Task<CampaignEntry> RecordReviewAsync(ActingUser actor, Guid campaignId, Guid patentId, bool university, ReviewDecision decision, string? reason,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var field = university ? "universityReason" : "collegeReason";
            if (decision == ReviewDecision.Refuse && string.IsNullOrWhiteSpace(reason)) throw TechTransferException.Rule("required", "Give the reasons for the refusal.", field);
            TextRules.Check(reason, field, options.Limits.Text);
            var (campaign, entry, patent) = await LoadAsync(db, campaignId, patentId, ct);
            var already = university ? entry.UniversityDecision : entry.CollegeDecision;
            if (already is { } done)
            {
                if (done == decision) return entry;
                throw TechTransferException.Conflict("already-reviewed", $"{patent.Number} was reviewed already: {Names.Kebab(done)}.", university ? "universityDecision" : "collegeDecision");
            }
            var expected = university ? CampaignEntryStatus.CollegeAccepted : CampaignEntryStatus.Graded;
            if (entry.Status != expected)
                throw TechTransferException.Conflict("not-ready-for-review", $"{patent.Number} is {Names.Kebab(entry.Status)}, not {Names.Kebab(expected)}.", university ? "universityDecision" : "collegeDecision");
            var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (university) { entry.UniversityDecision = decision; entry.UniversityReason = text; }
            else { entry.CollegeDecision = decision; entry.CollegeReason = text; }
            entry.Status = decision == ReviewDecision.Refuse ? CampaignEntryStatus.Refused
                : university ? CampaignEntryStatus.Pooled : CampaignEntryStatus.CollegeAccepted;
            if (entry.Status is CampaignEntryStatus.Refused or CampaignEntryStatus.Pooled) entry.ReviewedAt = clock.GetUtcNow();
            entry.Version++;
            await evidence.AppendAsync(db, patent.EvidenceChain, actor, university ? "inventory.university-reviewed" : "inventory.college-reviewed", new
            {
                campaignId, patentId, patent.Number, decision = Names.Kebab(decision), reason = text, tier = entry.Tier, route = entry.Route is { } r ? Names.Kebab(r) : null,
            }, ct);
            if (entry.Status == CampaignEntryStatus.Pooled) await PoolAsync(db, actor, campaign, entry, patent, entry.Route!.Value, "review", ct);
            return entry;
        }, ct);

    /// <summary>
    /// The office's action on a patent the idle rule flagged and its review did not pool: an open licence or the pool (it
    /// enters the pool), or the reason it is not implemented (required then). The same action again is answered as before.
    /// </summary>
    public Task<CampaignEntry> RecordIdleActionAsync(ActingUser actor, Guid campaignId, Guid patentId, IdleFundedAction action, string? reason,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            if (action == IdleFundedAction.StateReason && string.IsNullOrWhiteSpace(reason))
                throw TechTransferException.Rule("required", "State why the patent is not implemented.", "idleReason");
            TextRules.Check(reason, "idleReason", options.Limits.Text);
            var (campaign, entry, patent) = await LoadAsync(db, campaignId, patentId, ct);
            if (entry.IdleAction is { } done)
            {
                if (done == action) return entry;
                throw TechTransferException.Conflict("already-decided", $"{patent.Number}'s idle-patent action was taken: {Names.Kebab(done)}.", "idleAction");
            }
            if (!entry.IdleFunded || entry.Status == CampaignEntryStatus.Pooled)
                throw TechTransferException.Conflict("not-flagged", $"{patent.Number} is not an idle fiscally funded patent outside the pool.", "idleAction");
            // Pooled with the inventors' route when it offers an enterprise something; keeping or abandoning it does not, so an open licence.
            var route = action == IdleFundedAction.Pool && entry.Route is { } chosen && chosen is not (TransferRoute.Keep or TransferRoute.Abandon)
                ? chosen : TransferRoute.OpenLicence;
            entry.IdleAction = action;
            if (action == IdleFundedAction.StateReason) entry.NotImplementedReason = reason!.Trim();
            entry.Version++;
            await evidence.AppendAsync(db, patent.EvidenceChain, actor, "inventory.idle-action", new
            {
                campaignId, patentId, patent.Number, action = Names.Kebab(action), reason = reason?.Trim(), route = action == IdleFundedAction.StateReason ? null : Names.Kebab(route),
            }, ct);
            if (action != IdleFundedAction.StateReason)
            {
                entry.Status = CampaignEntryStatus.Pooled;
                await PoolAsync(db, actor, campaign, entry, patent, route, "idle-rule", ct);
            }
            return entry;
        }, ct);

    /// <summary>The campaign's figures per college (by name) and, first, for the institution (college null). The office sees all; a college reviewer their colleges.</summary>
    public async Task<List<CampaignProgress>> ProgressAsync(ActingUser actor, Guid campaignId, CancellationToken ct = default)
    {
        await GetAsync(actor, campaignId, ct);
        var colleges = ReviewedColleges(actor);
        var rows = await store.ReadAsync(async db => await (
            from e in db.CampaignEntries.Where(e => e.CampaignId == campaignId)
            join p in db.Patents on e.PatentId equals p.Id
            join pool in db.ResourcePool on e.PatentId equals pool.PatentId into pooled
            from pool in pooled.DefaultIfEmpty()
            select new { e.College, e.Status, e.GradedAt, e.IdleFunded, Converted = p.Transfers + p.Licences > e.ConversionsAtOpen, Matched = pool != null && pool.MatchedAt != null })
            .ToListAsync(ct), ct);
        if (!actor.IsOffice) rows = rows.Where(r => r.College is not null && colleges.Contains(r.College)).ToList();
        var figures = rows.GroupBy(r => r.College).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, g.Select(r => (r.Status, r.GradedAt != null, r.IdleFunded, r.Converted, r.Matched)))).ToList();
        var total = Figures(null, rows.Select(r => (r.Status, r.GradedAt != null, r.IdleFunded, r.Converted, r.Matched)));
        return [total, .. figures];
    }

    private static CampaignProgress Figures(string? college, IEnumerable<(CampaignEntryStatus Status, bool Graded, bool Idle, bool Converted, bool Matched)> rows)
    {
        var list = rows.ToList();
        return new CampaignProgress(college, list.Count, list.Count(r => r.Graded),
            list.Count(r => r.Status is CampaignEntryStatus.Pooled or CampaignEntryStatus.Refused),
            list.Count(r => r.Status == CampaignEntryStatus.Pooled), list.Count(r => r.Status == CampaignEntryStatus.Refused),
            list.Count(r => r.Matched), list.Count(r => r.Converted), list.Count(r => r.Idle));
    }

    /// <summary>Every patent of the campaign with its record, for the export (office only).</summary>
    public async Task<(InventoryCampaign Campaign, List<CampaignPatentView> Rows, Dictionary<Guid, PoolPatent> Pool)> ExportRowsAsync(ActingUser actor, Guid campaignId,
        CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        var campaign = await GetAsync(actor, campaignId, ct);
        return await store.ReadAsync(async db =>
        {
            var rows = await (from e in db.CampaignEntries.Where(e => e.CampaignId == campaignId)
                              join p in db.Patents.Include(p => p.Inventors) on e.PatentId equals p.Id
                              orderby e.College, p.Number
                              select new { e, p }).ToListAsync(ct);
            var ids = rows.Select(r => r.p.Id).ToList();
            var pool = await db.ResourcePool.Where(x => ids.Contains(x.PatentId)).ToDictionaryAsync(x => x.PatentId, ct);
            return (campaign, rows.Select(r => new CampaignPatentView(r.e, Sorted(r.p))).ToList(), pool);
        }, ct);
    }

    /// <summary>The pool (office for now; enterprises will browse it by IPC and industry): newest first.</summary>
    public Task<(List<PoolItem> Items, int Total)> PoolAsync(ActingUser actor, PoolQuery query, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        if (query.Take is < 1 or > 500) throw TechTransferException.Rule("invalid-value", "take is between 1 and 500.", "take");
        return store.ReadAsync(async db =>
        {
            var q = from x in db.ResourcePool join p in db.Patents on x.PatentId equals p.Id select new { x, p };
            if (!string.IsNullOrWhiteSpace(query.Text)) { var t = query.Text.Trim(); q = q.Where(r => r.p.Number.Contains(t) || r.p.Title.Contains(t)); }
            if (!string.IsNullOrWhiteSpace(query.Ipc))
            {
                var ipc = new string(query.Ipc.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
                var sub = ipc.Length >= 4 ? ipc[..4] : ipc;
                q = q.Where(r => r.x.IpcSubclass != null && r.x.IpcSubclass.StartsWith(sub));
            }
            if (!string.IsNullOrWhiteSpace(query.Industry)) q = q.Where(r => r.x.Industry == query.Industry.Trim());
            if (!string.IsNullOrWhiteSpace(query.College)) q = q.Where(r => r.x.College == query.College.Trim());
            if (!string.IsNullOrWhiteSpace(query.Tier)) q = q.Where(r => r.x.Tier == query.Tier.Trim());
            if (query.Route is { } route) q = q.Where(r => r.x.Route == route);
            if (query.OpenLicenceOnly) q = q.Where(r => r.x.Route == TransferRoute.OpenLicence);
            var total = await q.CountAsync(ct);
            var rows = await q.OrderByDescending(r => r.x.PooledAt).ThenBy(r => r.p.Number).Skip(query.Skip).Take(query.Take).ToListAsync(ct);
            return (rows.Select(r => new PoolItem(r.x, r.p)).ToList(), total);
        }, ct);
    }

    /// <summary>The colleges whose reviewer group the actor sits in.</summary>
    public IReadOnlySet<string> ReviewedColleges(ActingUser actor)
    {
        var seats = actor.Committees.Select(c => c.CommitteeId).ToHashSet(StringComparer.Ordinal);
        return Config.CollegeReviewers.Where(kv => seats.Contains(kv.Value)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
    }

    private async Task PoolAsync(TechTransferDbContext db, ActingUser actor, InventoryCampaign campaign, CampaignEntry entry, Patent patent, TransferRoute route,
        string via, CancellationToken ct)
    {
        var pooled = await db.ResourcePool.FirstOrDefaultAsync(x => x.PatentId == patent.Id, ct);
        if (pooled is null) db.ResourcePool.Add(pooled = new PoolPatent { PatentId = patent.Id });
        pooled.CampaignId = campaign.Id;
        pooled.Tier = entry.Tier;
        pooled.Route = route;
        pooled.Contact = entry.Contact;
        pooled.College = patent.College;
        pooled.IpcSubclass = CampaignGrading.IpcSubclass(patent.IpcClasses);
        pooled.Via = via;
        pooled.PooledAt = clock.GetUtcNow();
        await evidence.AppendAsync(db, patent.EvidenceChain, actor, "pool.entered", new
        {
            campaignId = campaign.Id, patentId = patent.Id, patent.Number, tier = entry.Tier, route = Names.Kebab(route), via, pooled.IpcSubclass,
        }, ct);
    }

    private static async Task<(InventoryCampaign, CampaignEntry, Patent)> LoadAsync(TechTransferDbContext db, Guid campaignId, Guid patentId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, ct) ?? throw TechTransferException.NotFound("Campaign", campaignId);
        var entry = await db.CampaignEntries.FirstOrDefaultAsync(e => e.CampaignId == campaignId && e.PatentId == patentId, ct)
                    ?? throw TechTransferException.NotFound("Campaign patent", patentId);
        return (campaign, entry, await PortfolioService.LoadAsync(db, patentId, ct));
    }

    private static Patent Sorted(Patent p)
    {
        p.Inventors = p.Inventors.OrderBy(i => i.Position).ToList();
        return p;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
