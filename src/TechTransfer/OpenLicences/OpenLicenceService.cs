using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Persistence;

namespace TechTransfer.OpenLicences;

/// <summary>
/// Open licences (开放许可, Patent Law arts. 50-52) as their own path beside pricing: the office declares the fee method
/// and rate and the licence term of a granted patent (never while an exclusive or sole licence is in force, nor after
/// the patent was assigned); once the declaration is published it is in force, and anyone who notifies in writing and
/// pays the declared fee takes an ordinary licence at the declared terms, recorded like every licence (agreement,
/// recordal due, evidence). A withdrawal stops new licences and leaves those taken in force. The owner of
/// <c>tt_open_licence_declarations</c>; the licences are <see cref="AgreementService"/>'s agreements.
/// </summary>
public sealed class OpenLicenceService(DomainStore store, EvidenceLog evidence, AgreementService agreements, TimeProvider clock, TechTransferOptions options,
    NoticeBoard.NoticeBoardPostings board)
{
    /// <summary>The longest licence term a declaration may state: the 20-year life of an invention patent.</summary>
    public const int MaxTermMonths = 240;

    public Task<OpenLicenceDeclaration> DeclareAsync(ActingUser actor, Guid inventionId, OpenLicenceTerms terms, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            CheckTerms(terms);
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            if (invention.GrantDate is null || invention.PatentNumber is null)
                throw TechTransferException.Conflict("not-granted",
                    $"An open licence is declared only for a granted patent; record the grant of {invention.CaseNumber} first.", "inventionId");
            if (await db.OpenLicenceDeclarations.AnyAsync(d => d.InventionId == inventionId && d.Status != OpenLicenceDeclarationStatus.Withdrawn, ct))
                throw TechTransferException.Conflict("declaration-in-force", $"{invention.CaseNumber} already has an open-licence declaration; withdraw it first.", "inventionId");
            var bars = await agreements.InForceAsync(db, inventionId, ct);
            if (bars.Any(a => a.Kind is AgreementKind.ExclusiveLicence or AgreementKind.SoleLicence))
                throw TechTransferException.Conflict("exclusive-in-force", "An open licence is barred while an exclusive or sole licence is in force.", "inventionId");
            if (await db.Agreements.AnyAsync(a => a.InventionId == inventionId && (a.Kind == AgreementKind.Assignment || a.Kind == AgreementKind.Equity)
                                                  && a.Status != AgreementStatus.Ended, ct))
                throw TechTransferException.Conflict("assigned", "The patent has been assigned or contributed as equity: the office can no longer declare an open licence.", "inventionId");

            var declaration = new OpenLicenceDeclaration
            {
                Id = Guid.NewGuid(), InventionId = inventionId, PatentNumber = invention.PatentNumber, FeeMethod = terms.FeeMethod!.Value,
                LumpSum = terms.FeeMethod is OpenLicenceFeeMethod.Royalty ? null : terms.LumpSum,
                RoyaltyRate = terms.FeeMethod is OpenLicenceFeeMethod.LumpSum ? null : terms.RoyaltyRate,
                RoyaltyBase = terms.FeeMethod is OpenLicenceFeeMethod.LumpSum ? null : terms.RoyaltyBase?.Trim(),
                PaymentTerms = terms.PaymentTerms?.Trim(), LicenceTermMonths = terms.LicenceTermMonths!.Value,
                Status = OpenLicenceDeclarationStatus.Declared, DeclaredAt = clock.GetUtcNow(), DeclaredBy = actor.UserId,
            };
            db.OpenLicenceDeclarations.Add(declaration);
            invention.Version++; // two declarations at once: one wins
            await evidence.AppendAsync(db, inventionId, actor, "open-licence.declared", new
            {
                declaration.Id, declaration.PatentNumber, feeMethod = Names.Kebab(declaration.FeeMethod), declaration.LumpSum, declaration.RoyaltyRate,
                declaration.RoyaltyBase, declaration.PaymentTerms, declaration.LicenceTermMonths, fee = declaration.FeeSummary(),
            }, ct);
            return declaration;
        }, ct);

    /// <summary>
    /// The declaration was published (国家知识产权局公告, and where else the office published it): from then on it is in
    /// force. The public notice board records its own publication through this too.
    /// </summary>
    public Task<OpenLicenceDeclaration> RecordPublicationAsync(ActingUser actor, Guid declarationId, DateOnly? publishedOn, string? reference,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (publishedOn is not { } day) throw TechTransferException.Rule("required", "Give the day the declaration was published.", "publishedOn");
            if (string.IsNullOrWhiteSpace(reference)) throw TechTransferException.Rule("required", "Give where it was published (the announcement's reference).", "reference");
            TextRules.Check(reference, "reference", options.Limits.Name, singleLine: true);
            var declaration = await LoadAsync(db, declarationId, ct);
            if (declaration.Status != OpenLicenceDeclarationStatus.Declared)
                throw TechTransferException.Conflict("not-declared", $"The declaration is {Names.Kebab(declaration.Status)}; only a new declaration is published.");
            if (day < DateOnly.FromDateTime(declaration.DeclaredAt.UtcDateTime))
                throw TechTransferException.Rule("published-before-declared", "A declaration is published after it is made.", "publishedOn");
            if (day > Today()) throw TechTransferException.Rule("in-the-future", "The publication day is in the future.", "publishedOn");
            declaration.Status = OpenLicenceDeclarationStatus.Published;
            declaration.PublishedOn = day;
            declaration.PublicationReference = reference.Trim();
            declaration.Version++;
            await evidence.AppendAsync(db, declaration.InventionId, actor, "open-licence.published",
                new { declaration.Id, publishedOn = day, reference = declaration.PublicationReference }, ct);
            await board.PostDeclarationAsync(db, actor, declaration, clock.GetUtcNow(), ct);
            return declaration;
        }, ct);

    /// <summary>Withdraws the declaration: no new licence is taken under it; the licences already taken stay in force.</summary>
    public Task<OpenLicenceDeclaration> WithdrawAsync(ActingUser actor, Guid declarationId, string? reason, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(reason)) throw TechTransferException.Rule("required", "Record why the declaration is withdrawn.", "reason");
            TextRules.Check(reason, "reason", options.Limits.Text);
            var declaration = await LoadAsync(db, declarationId, ct);
            if (declaration.Status == OpenLicenceDeclarationStatus.Withdrawn)
                throw TechTransferException.Conflict("already-withdrawn", "The declaration has been withdrawn.");
            declaration.Status = OpenLicenceDeclarationStatus.Withdrawn;
            declaration.WithdrawnAt = clock.GetUtcNow();
            declaration.WithdrawnBy = actor.UserId;
            declaration.WithdrawalReason = reason.Trim();
            declaration.Version++;
            await evidence.AppendAsync(db, declaration.InventionId, actor, "open-licence.withdrawn", new { declaration.Id, reason = declaration.WithdrawalReason }, ct);
            await board.TakeDownAsync(db, actor, declaration.Id, declaration.WithdrawnAt.Value, "withdrawn", ct);
            return declaration;
        }, ct);

    /// <summary>
    /// A party notified in writing and paid: it takes an ordinary licence at the declared terms, from the later of the
    /// two days for the declared term, with its recordal due like any licence. The office records the notice and payment.
    /// </summary>
    public Task<Agreement> TakeLicenceAsync(ActingUser actor, Guid declarationId, OpenLicenceNotice notice, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(notice.Licensee)) throw TechTransferException.Rule("required", "Name the licensee who notified.", "licensee");
            TextRules.Check(notice.Licensee, "licensee", options.Limits.Name, singleLine: true);
            TextRules.Check(notice.PaymentReference, "paymentReference", options.Limits.Name, singleLine: true);
            if (notice.NotifiedOn is not { } notified) throw TechTransferException.Rule("required", "Give the day of the written notice.", "notifiedOn");
            var paid = notice.AmountPaid ?? 0m;
            if (paid < 0) throw TechTransferException.Rule("negative", "The amount paid cannot be negative.", "amountPaid");
            var declaration = await LoadAsync(db, declarationId, ct);
            if (declaration.Status != OpenLicenceDeclarationStatus.Published)
                throw TechTransferException.Conflict("declaration-not-in-force",
                    declaration.Status == OpenLicenceDeclarationStatus.Withdrawn
                        ? "The declaration has been withdrawn: no new licence is taken under it."
                        : "The declaration has not been published yet: no licence is taken under it before.", "declarationId");
            if (notified < declaration.PublishedOn) throw TechTransferException.Rule("notified-before-published", "The notice is dated before the declaration was published.", "notifiedOn");
            if (notified > Today()) throw TechTransferException.Rule("in-the-future", "The notice day is in the future.", "notifiedOn");
            var lumpSum = declaration.LumpSum ?? 0m;
            if (lumpSum > 0)
            {
                if (paid < lumpSum)
                    throw TechTransferException.Rule("below-declared-fee", $"The declared fee is {lumpSum:0.00} yuan; {paid:0.00} was paid.", "amountPaid");
                if (notice.PaidOn is null) throw TechTransferException.Rule("required", "Give the day the fee was paid.", "paidOn");
            }
            if (notice.PaidOn is { } paidOn && paidOn > Today()) throw TechTransferException.Rule("in-the-future", "The payment day is in the future.", "paidOn");
            var licensee = notice.Licensee.Trim();
            if ((await agreements.InForceAsync(db, declaration.InventionId, ct)).Any(a => a.DeclarationId == declaration.Id && a.Counterparty == licensee))
                throw TechTransferException.Conflict("already-licensed", $"{licensee} already holds an open licence under this declaration.", "licensee");

            declaration.Version++; // the same party twice at once: one wins
            var effective = notice.PaidOn is { } p && p > notified ? p : notified;
            var terms = new AgreementTerms(AgreementKind.OpenLicence, licensee, paid, effective, null, effective,
                effective.AddMonths(declaration.LicenceTermMonths).AddDays(-1), declaration.FeeSummary());
            await evidence.AppendAsync(db, declaration.InventionId, actor, "open-licence.notified-and-paid", new
            {
                declarationId = declaration.Id, licensee, notifiedOn = notified, amountPaid = paid, notice.PaidOn, notice.PaymentReference,
            }, ct);
            return await agreements.RecordAsync(db, actor, declaration.InventionId, terms, null, declaration.Id, ct);
        }, ct);

    public async Task<OpenLicenceDeclaration> GetAsync(ActingUser actor, Guid declarationId, CancellationToken ct = default)
    {
        var declaration = await store.ReadAsync(db => db.OpenLicenceDeclarations.FirstOrDefaultAsync(d => d.Id == declarationId, ct), ct)
                          ?? throw TechTransferException.NotFound("Open-licence declaration", declarationId);
        await InventionService.EnsureCanReadAsync(store, actor, declaration.InventionId, ct);
        return declaration;
    }

    public async Task<List<OpenLicenceDeclaration>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await InventionService.EnsureCanReadAsync(store, actor, inventionId, ct);
        var list = await store.ReadAsync(db => db.OpenLicenceDeclarations.Where(d => d.InventionId == inventionId).ToListAsync(ct), ct);
        return list.OrderBy(d => d.DeclaredAt).ToList();
    }

    /// <summary>The licences taken under a declaration.</summary>
    public async Task<List<Agreement>> LicencesAsync(ActingUser actor, Guid declarationId, CancellationToken ct = default)
    {
        var declaration = await GetAsync(actor, declarationId, ct);
        var list = await store.ReadAsync(db => db.Agreements.Where(a => a.DeclarationId == declaration.Id).ToListAsync(ct), ct);
        return list.OrderBy(a => a.SignedAt).ToList();
    }

    private void CheckTerms(OpenLicenceTerms terms)
    {
        if (terms.FeeMethod is not { } method)
            throw TechTransferException.Rule("required", "State how the fee is charged (lump-sum, royalty, lump-sum-and-royalty).", "feeMethod");
        if (method is not OpenLicenceFeeMethod.Royalty && terms.LumpSum is not > 0)
            throw TechTransferException.Rule("required", "State the lump sum (above zero, in yuan).", "lumpSum");
        if (method is not OpenLicenceFeeMethod.LumpSum)
        {
            if (terms.RoyaltyRate is not (> 0 and <= 100))
                throw TechTransferException.Rule("required", "State the royalty rate (a percentage above 0, at most 100).", "royaltyRate");
            if (string.IsNullOrWhiteSpace(terms.RoyaltyBase))
                throw TechTransferException.Rule("required", "State what the royalty rate is of (e.g. net sales of the licensed products).", "royaltyBase");
        }
        TextRules.Check(terms.RoyaltyBase, "royaltyBase", options.Limits.Name, singleLine: true);
        TextRules.Check(terms.PaymentTerms, "paymentTerms", options.Limits.Text);
        if (terms.LicenceTermMonths is not (> 0 and <= MaxTermMonths))
            throw TechTransferException.Rule("required", $"State the licence term in months (1 to {MaxTermMonths}).", "licenceTermMonths");
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static async Task<OpenLicenceDeclaration> LoadAsync(TechTransferDbContext db, Guid id, CancellationToken ct) =>
        await db.OpenLicenceDeclarations.FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw TechTransferException.NotFound("Open-licence declaration", id);
}
