using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Persistence;

namespace TechTransfer.Inventions;

/// <summary>
/// Inventions and their disclosures: drafts the inventors edit, submission, the office's return with questions or
/// acceptance, and the patent application and grant. The owner of <c>tt_inventions</c> and <c>tt_inventors</c>.
/// Who sees a case is <see cref="CaseAccess"/>'s one rule: its inventors always, the office once it is submitted, a
/// committee once it reviews it; its inventors and the office edit it while it is a draft or returned.
/// </summary>
public sealed class InventionService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options, IPeopleDirectory people,
    Portfolio.PortfolioService portfolio)
{
    public async Task<Invention> CreateDraftAsync(ActingUser actor, InventionDraft draft, CancellationToken ct = default)
    {
        if (!actor.HasAny(DomainRoles.Inventor, DomainRoles.TechnologyManager, DomainRoles.OfficeHead))
            throw TechTransferException.Forbidden("Only inventors and the office file disclosures.");
        await ValidateDraftAsync(draft, ct);
        if (!actor.IsOffice && !actor.IsProcess && draft.Inventors.All(i => i.UserId != actor.UserId))
            throw TechTransferException.Rule("filer-not-inventor", "An inventor files a disclosure they are named on.", "inventors");
        return await store.WriteAsync(async db =>
        {
            var now = clock.GetUtcNow();
            var prefix = $"{options.CaseNumberPrefix}-{now.Year}-";
            var taken = await db.Inventions.Where(i => i.CaseNumber.StartsWith(prefix)).Select(i => i.CaseNumber).ToListAsync(ct);
            var next = taken.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
            var invention = new Invention
            {
                Id = Guid.NewGuid(), CaseNumber = $"{prefix}{next:0000}", Status = InventionStatus.Draft,
                CreatedBy = actor.UserId, CreatedAt = now,
            };
            Apply(invention, draft);
            db.Inventions.Add(invention);
            await evidence.AppendAsync(db, invention.Id, actor, "disclosure.drafted", new { invention.CaseNumber, draft });
            return invention;
        }, ct);
    }

    public async Task<Invention> UpdateDraftAsync(ActingUser actor, Guid inventionId, InventionDraft draft, CancellationToken ct = default)
    {
        await ValidateDraftAsync(draft, ct);
        return await store.WriteAsync(async db =>
        {
            var invention = await LoadAsync(db, inventionId, ct);
            await EnsureCanEditAsync(db, actor, invention, ct);
            Apply(invention, draft);
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "disclosure.edited", new { draft });
            return invention;
        }, ct);
    }

    /// <summary>
    /// Submits a draft (or a returned disclosure): it must be complete and the shares must sum to exactly 100. A returned
    /// disclosure carries the inventors' <paramref name="answer"/> to the office's questions: both go into the record, so
    /// the office re-screening it and anyone reading the file later see the exchange, not only the process's variables.
    /// </summary>
    public Task<Invention> SubmitAsync(ActingUser actor, Guid inventionId, string? answer = null, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var invention = await LoadAsync(db, inventionId, ct);
            await EnsureCanEditAsync(db, actor, invention, ct);
            var missing = MissingFields(invention);
            if (missing.Count > 0)
                throw TechTransferException.Rule("disclosure-incomplete", $"The disclosure lacks: {string.Join(", ", missing)}.", missing);
            EnsureSharesSumTo100(invention.Inventors.Select(i => i.Share));
            if (invention.Status == InventionStatus.Returned && !string.IsNullOrWhiteSpace(answer))
            {
                TextRules.Check(answer, "answer", options.Limits.Text);
                await evidence.AppendAsync(db, invention.Id, actor, "disclosure.answered", new { questions = invention.Questions, answer = answer.Trim() });
            }
            invention.Status = InventionStatus.Submitted;
            invention.SubmittedAt = clock.GetUtcNow();
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "disclosure.submitted",
                new
                {
                    inventors = invention.Inventors.OrderBy(i => i.Position).Select(i => i.HasAccount
                        ? (object)new { i.UserId, i.Share }
                        : new { i.UserId, i.Name, i.Share, withoutAccount = true, i.College, i.Email, i.Phone }),
                    invention.FiscallyFunded, invention.Funder,
                });
            return invention;
        }, ct);

    /// <summary>
    /// The office links a co-inventor named without an account to the account they now have: from then on they are that
    /// account on the case (they see it, and their revenue and reward shares are theirs), in every status. The entry
    /// <c>inventor.linked</c> records which key became which account, so the evidence that names the old key still
    /// reconciles (<see cref="EvidenceReconciliation"/>).
    /// </summary>
    public Task<Invention> LinkInventorAsync(ActingUser actor, Guid inventionId, string inventorKey, string userId, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(userId)) throw TechTransferException.Rule("required", "Name the account to link.", "userId");
            var invention = await LoadAsync(db, inventionId, ct);
            await EnsureCanReadAsync(db, actor, invention, ct); // the office sees a case once it is submitted
            var inventor = invention.Inventors.FirstOrDefault(i => i.UserId == inventorKey && !i.HasAccount)
                           ?? throw TechTransferException.Rule("unknown-inventor", $"'{inventorKey}' is no inventor without an account of {invention.CaseNumber}.", "inventorKey");
            if (!InventorKey.IsAccount(userId) || (await people.UnknownAsync([userId], ct)).Count > 0)
                throw TechTransferException.Rule("unknown-user", $"'{userId}' is no user of this system.", "userId");
            if (invention.Inventors.Any(i => i.UserId == userId))
                throw TechTransferException.Conflict("already-inventor", $"That account is already an inventor of {invention.CaseNumber}.", "userId");
            // The key is part of the rows' primary keys: they are rewritten in place, in this command's transaction.
            await db.Inventors.Where(i => i.InventionId == inventionId && i.UserId == inventorKey)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.UserId, userId).SetProperty(i => i.Email, (string?)null).SetProperty(i => i.Phone, (string?)null), ct);
            await db.RevenueShares.Where(s => s.UserId == inventorKey).ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, userId), ct);
            await db.RewardShares.Where(s => s.UserId == inventorKey).ExecuteUpdateAsync(u => u.SetProperty(s => s.UserId, userId), ct);
            db.Entry(inventor).State = EntityState.Detached;
            inventor.UserId = userId;
            inventor.Email = inventor.Phone = null;
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "inventor.linked", new { inventorKey, userId, inventorName = inventor.Name });
            return invention;
        }, ct);

    /// <summary>The office returns a submitted disclosure to its inventors with questions.</summary>
    public Task<Invention> ReturnToInventorsAsync(ActingUser actor, Guid inventionId, string questions, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(questions)) throw TechTransferException.Rule("questions-required", "Say what the inventors must answer.", "questions");
            TextRules.Check(questions, "questions", options.Limits.Text);
            var invention = await LoadAsync(db, inventionId, ct);
            EnsureStatus(invention, InventionStatus.Submitted);
            invention.Status = InventionStatus.Returned;
            invention.Questions = questions;
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "disclosure.returned", new { questions });
            return invention;
        }, ct);

    public Task<Invention> AcceptAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            EnsureOffice(actor);
            var invention = await LoadAsync(db, inventionId, ct);
            EnsureStatus(invention, InventionStatus.Submitted);
            invention.Status = InventionStatus.Accepted;
            invention.Questions = null;
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "disclosure.accepted", new { });
            return invention;
        }, ct);

    public Task<Invention> RecordPatentApplicationAsync(ActingUser actor, Guid inventionId, string applicationNumber, DateOnly filingDate,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(applicationNumber)) throw TechTransferException.Rule("required", "The application number is required.", "applicationNumber");
            TextRules.Check(applicationNumber, "applicationNumber", options.Limits.Name, singleLine: true);
            var invention = await LoadAsync(db, inventionId, ct);
            invention.ApplicationNumber = applicationNumber.Trim();
            invention.FilingDate = filingDate;
            invention.Status = InventionStatus.Filed;
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "patent.applied", new { applicationNumber, filingDate });
            return invention;
        }, ct);

    /// <summary>
    /// Records the grant of the filed application, when it happens (often years after filing, while or after the case
    /// runs): the patent number and grant date, from which open licences and the reward on grant follow.
    /// </summary>
    public Task<Invention> RecordGrantAsync(ActingUser actor, Guid inventionId, string? patentNumber, DateOnly? grantDate, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(patentNumber)) throw TechTransferException.Rule("required", "The patent number is required.", "patentNumber");
            TextRules.Check(patentNumber, "patentNumber", options.Limits.Name, singleLine: true);
            if (grantDate is not { } granted) throw TechTransferException.Rule("required", "The grant date is required.", "grantDate");
            var invention = await LoadAsync(db, inventionId, ct);
            if (invention.ApplicationNumber is null || invention.FilingDate is not { } filed)
                throw TechTransferException.Conflict("not-filed", $"No patent application of {invention.CaseNumber} is recorded: a grant follows an application.", "patentNumber");
            if (granted < filed) throw TechTransferException.Rule("grant-before-filing", "A patent is granted after it is filed.", "grantDate");
            if (granted > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
                throw TechTransferException.Rule("in-the-future", "The grant date is in the future.", "grantDate");
            var number = patentNumber.Trim();
            if (invention.PatentNumber is { } recorded)
            {
                if (recorded == number && invention.GrantDate == granted) return invention; // the same grant again
                throw TechTransferException.Conflict("already-granted", $"{invention.CaseNumber} was granted as {recorded} on {invention.GrantDate:yyyy-MM-dd}.", "patentNumber");
            }
            invention.PatentNumber = number;
            invention.GrantDate = granted;
            invention.Version++;
            await evidence.AppendAsync(db, invention.Id, actor, "patent.granted", new { patentNumber = number, grantDate = granted, applicationNumber = invention.ApplicationNumber }, ct);
            // A granted patent is one the institution holds: it joins the portfolio (and its fee calendar) in the same transaction.
            await portfolio.JoinFromGrantAsync(db, actor, invention, ct);
            return invention;
        }, ct);

    public async Task<Invention> GetAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        var invention = await store.ReadAsync(async db =>
        {
            var found = await db.Inventions.Include(i => i.Inventors).FirstOrDefaultAsync(i => i.Id == inventionId, ct);
            // Whoever may not see it learns nothing, not even that it exists.
            return found is not null && await CaseAccess.MayReadAsync(db, actor, found, ct) ? found : null;
        }, ct) ?? throw TechTransferException.NotFound("Invention", inventionId);
        invention.Inventors = invention.Inventors.OrderBy(i => i.Position).ToList();
        return invention;
    }

    public async Task<Invention> GetByCaseNumberAsync(ActingUser actor, string caseNumber, CancellationToken ct = default)
    {
        var id = await store.ReadAsync(db => db.Inventions.Where(i => i.CaseNumber == caseNumber).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct), ct)
                 ?? throw TechTransferException.NotFound("Invention", caseNumber);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The inventions the actor may see (<see cref="CaseAccess"/>): their own; every submitted one for the office;
    /// those their committee reviews or reviewed for a member.</summary>
    public Task<List<Invention>> ListAsync(ActingUser actor, InventionStatus? status = null, CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            IQueryable<Invention> query = (await CaseAccess.VisibleAsync(db, actor, ct)).Include(i => i.Inventors);
            if (status is { } s) query = query.Where(i => i.Status == s);
            var list = await query.ToListAsync(ct);
            return list.OrderBy(i => i.CaseNumber, StringComparer.Ordinal).ToList();
        }, ct);

    /// <summary>How many inventions are in each status (every status, zero included): aggregate figures for the dashboard, no invention's data.</summary>
    public Task<Dictionary<InventionStatus, int>> CountByStatusAsync(CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            var counts = await db.Inventions.GroupBy(i => i.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
            return Enum.GetValues<InventionStatus>().ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
        }, ct);

    /// <summary>What a complete disclosure still lacks (empty when complete); the office's automatic check.</summary>
    public static List<string> MissingFields(Invention invention)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(invention.Title)) missing.Add("title");
        if (string.IsNullOrWhiteSpace(invention.Field) && string.IsNullOrWhiteSpace(invention.IpcClass)) missing.Add("field");
        if (string.IsNullOrWhiteSpace(invention.Abstract)) missing.Add("abstract");
        if (string.IsNullOrWhiteSpace(invention.PriorArt)) missing.Add("priorArt");
        if (string.IsNullOrWhiteSpace(invention.IntendedUses)) missing.Add("intendedUses");
        if (invention.FiscallyFunded && (string.IsNullOrWhiteSpace(invention.FundedProject) || string.IsNullOrWhiteSpace(invention.Funder)))
            missing.Add("fundedProject");
        if (invention.Inventors.Count == 0) missing.Add("inventors");
        return missing;
    }

    public static void EnsureSharesSumTo100(IEnumerable<decimal> shares)
    {
        var total = shares.Sum();
        if (total != 100m)
            throw TechTransferException.Rule("shares-not-100", $"The inventors' contribution shares sum to {total}%, not 100%.", "inventors");
    }

    /// <summary>Whether the actor may see the case with this number (<see cref="CaseAccess"/>); null when there is no such
    /// case. The host applies it to the engine's views of the case's instances (business key: the case number).</summary>
    public Task<bool?> MaySeeCaseAsync(ActingUser actor, string caseNumber, CancellationToken ct = default) =>
        store.ReadAsync(async db =>
        {
            var invention = await db.Inventions.Include(i => i.Inventors).FirstOrDefaultAsync(i => i.CaseNumber == caseNumber, ct);
            return invention is null ? (bool?)null : await CaseAccess.MayReadAsync(db, actor, invention, ct);
        }, ct);

    /// <summary>404 for whoever may not see the invention (<see cref="CaseAccess"/>).</summary>
    internal static Task EnsureCanReadAsync(DomainStore store, ActingUser actor, Guid inventionId, CancellationToken ct) =>
        store.ReadAsync(async db =>
        {
            await EnsureCanReadAsync(db, actor, await LoadAsync(db, inventionId, ct), ct);
            return true;
        }, ct);

    /// <summary>404 for whoever may not see the invention (<see cref="CaseAccess"/>).</summary>
    internal static async Task EnsureCanReadAsync(TechTransferDbContext db, ActingUser actor, Invention invention, CancellationToken ct)
    {
        if (!await CaseAccess.MayReadAsync(db, actor, invention, ct)) throw TechTransferException.NotFound("Invention", invention.Id);
    }

    internal static async Task<Invention> LoadAsync(TechTransferDbContext db, Guid id, CancellationToken ct) =>
        await db.Inventions.Include(i => i.Inventors).FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw TechTransferException.NotFound("Invention", id);

    internal static void EnsureOffice(ActingUser actor)
    {
        if (!actor.IsOffice) throw TechTransferException.Forbidden("Only the technology-transfer office may do this.");
    }

    private static void EnsureStatus(Invention invention, params InventionStatus[] allowed)
    {
        if (!allowed.Contains(invention.Status))
            throw TechTransferException.Conflict("wrong-status", $"Invention {invention.CaseNumber} is {invention.Status}, not {string.Join(" or ", allowed)}.");
    }

    private static async Task EnsureCanEditAsync(TechTransferDbContext db, ActingUser actor, Invention invention, CancellationToken ct)
    {
        await EnsureCanReadAsync(db, actor, invention, ct);
        if (!actor.IsOffice && !actor.IsProcess && invention.Inventors.All(i => i.UserId != actor.UserId))
            throw TechTransferException.Forbidden("Only its inventors and the office edit a disclosure.");
        EnsureStatus(invention, InventionStatus.Draft, InventionStatus.Returned);
    }

    /// <summary>
    /// Every field within its limit (<see cref="TextLimits"/>) and free of forbidden characters (<see cref="TextRules"/>;
    /// the title and names are one line), at most <see cref="TextLimits.Inventors"/> inventors, each an account, each
    /// once, with a share above 0 and at most 100 in two decimals. A draft may be incomplete; submission checks that.
    /// </summary>
    private async Task ValidateDraftAsync(InventionDraft draft, CancellationToken ct)
    {
        var limits = options.Limits;
        if (string.IsNullOrWhiteSpace(draft.Title)) throw TechTransferException.Rule("required", "The title is required.", "title");
        TextRules.Check(draft.Title, "title", limits.Title, singleLine: true);
        TextRules.Check(draft.Field, "field", limits.Field, singleLine: true);
        TextRules.Check(draft.IpcClass, "ipcClass", limits.IpcClass, singleLine: true);
        TextRules.Check(draft.College, "college", limits.College, singleLine: true);
        TextRules.Check(draft.Abstract, "abstract", limits.Abstract);
        TextRules.Check(draft.FundedProject, "fundedProject", limits.FundedProject, singleLine: true);
        TextRules.Check(draft.Funder, "funder", limits.Funder, singleLine: true);
        TextRules.Check(draft.PriorArt, "priorArt", limits.PriorArt);
        TextRules.Check(draft.IntendedUses, "intendedUses", limits.IntendedUses);
        if (draft.Inventors.Count > limits.Inventors)
            throw TechTransferException.Rule("too-many", $"A disclosure names at most {limits.Inventors} inventors; this one names {draft.Inventors.Count}.", "inventors");
        for (var n = 0; n < draft.Inventors.Count; n++)
        {
            var inventor = draft.Inventors[n];
            var at = $"inventors[{n}]";
            TextRules.Check(inventor.UserId, $"{at}.userId", limits.Name, singleLine: true);
            TextRules.Check(inventor.Name, $"{at}.name", limits.InventorName, singleLine: true);
            if (!inventor.HasAccount) ValidateWithoutAccount(inventor, at, limits);
            if (inventor.Share <= 0 || inventor.Share > 100)
                throw TechTransferException.Rule("share-out-of-range", $"{Who(inventor)}'s share must be above 0 and at most 100.", "inventors");
            if (decimal.Round(inventor.Share, 2) != inventor.Share)
                throw TechTransferException.Rule("share-precision", $"{Who(inventor)}'s share has more than two decimals.", "inventors");
        }
        var keys = draft.Inventors.Where(i => !string.IsNullOrEmpty(i.UserId)).Select(i => i.UserId).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
            throw TechTransferException.Rule("duplicate-inventor", "An inventor is named twice.", "inventors");
        var unknown = await people.UnknownAsync(keys.Where(InventorKey.IsAccount).ToList(), ct);
        if (unknown.Count > 0)
        {
            var first = draft.Inventors.Select((i, n) => (i.UserId, n)).First(x => unknown.Contains(x.UserId));
            throw TechTransferException.Rule("unknown-user", $"Inventor '{first.UserId}' is no user of this system: name a co-inventor without an account by name and contact.",
                $"inventors[{first.n}].userId");
        }
    }

    /// <summary>A co-inventor without an account is named with a name and a way to reach them (an email or a phone).</summary>
    private static void ValidateWithoutAccount(InventorShare inventor, string at, TextLimits limits)
    {
        if (string.IsNullOrWhiteSpace(inventor.Name))
            throw TechTransferException.Rule("required", "A co-inventor without an account needs a name.", $"{at}.name");
        TextRules.Check(inventor.College, $"{at}.college", limits.College, singleLine: true);
        TextRules.Check(inventor.Email, $"{at}.email", limits.Name, singleLine: true);
        TextRules.Check(inventor.Phone, $"{at}.phone", limits.Name, singleLine: true);
        if (string.IsNullOrWhiteSpace(inventor.Email) && string.IsNullOrWhiteSpace(inventor.Phone))
            throw TechTransferException.Rule("contact-required", "A co-inventor without an account needs an email or a phone number.", $"{at}.email");
        if (!string.IsNullOrWhiteSpace(inventor.Email) && !LooksLikeEmail(inventor.Email.Trim()))
            throw TechTransferException.Rule("invalid-email", $"'{inventor.Email}' is no email address.", $"{at}.email");
        if (!string.IsNullOrWhiteSpace(inventor.Phone) && !inventor.Phone.Trim().All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')'))
            throw TechTransferException.Rule("invalid-phone", $"'{inventor.Phone}' is no phone number: digits, spaces, +, - and brackets only.", $"{at}.phone");
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Any(char.IsWhiteSpace);
    }

    private static string Who(InventorShare inventor) => string.IsNullOrWhiteSpace(inventor.Name) ? inventor.UserId : inventor.Name;

    private static void Apply(Invention invention, InventionDraft draft)
    {
        invention.Title = draft.Title.Trim();
        invention.Field = draft.Field;
        invention.IpcClass = draft.IpcClass;
        invention.College = string.IsNullOrWhiteSpace(draft.College) ? null : draft.College.Trim();
        invention.Abstract = draft.Abstract;
        invention.FundedProject = draft.FundedProject;
        invention.Funder = draft.Funder;
        invention.FiscallyFunded = draft.FiscallyFunded;
        invention.PriorArt = draft.PriorArt;
        invention.IntendedUses = draft.IntendedUses;
        // Rows are updated in place by key (a tracked row is never replaced by a new one with the same key). A co-inventor
        // without an account is new when the draft names no key, or one of this invention's when it sends theirs back.
        var named = draft.Inventors.Select((i, n) =>
        {
            if (string.IsNullOrEmpty(i.UserId)) return (Key: InventorKey.NewWithoutAccount(), Draft: i);
            if (!i.HasAccount && invention.Inventors.All(x => x.UserId != i.UserId))
                throw TechTransferException.Rule("unknown-inventor", $"'{i.UserId}' is no inventor of {invention.CaseNumber}: name a new co-inventor without a key.",
                    $"inventors[{n}].userId");
            return (Key: i.UserId, Draft: i);
        }).ToList();
        invention.Inventors.RemoveAll(existing => named.All(i => i.Key != existing.UserId));
        var position = 0;
        foreach (var (key, i) in named)
        {
            var row = invention.Inventors.FirstOrDefault(x => x.UserId == key);
            if (row is null) invention.Inventors.Add(row = new Inventor { InventionId = invention.Id, UserId = key });
            row.Name = i.Name?.Trim() ?? "";
            row.Share = i.Share;
            row.Position = position++;
            var withoutAccount = !row.HasAccount;
            row.College = withoutAccount && !string.IsNullOrWhiteSpace(i.College) ? i.College.Trim() : null;
            row.Email = withoutAccount && !string.IsNullOrWhiteSpace(i.Email) ? i.Email.Trim() : null;
            row.Phone = withoutAccount && !string.IsNullOrWhiteSpace(i.Phone) ? i.Phone.Trim() : null;
        }
    }
}
