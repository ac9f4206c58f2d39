using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.OpenLicences;
using TechTransfer.Persistence;
using TechTransfer.Pricing;

namespace TechTransfer.Licensing;

/// <summary>
/// Agreements and their filings with the patent office: signing only on a concluded pricing, with its counterparty, at
/// no less than its price, once (after the notice and its objections); an open licence only under the declaration in
/// force (<see cref="OpenLicenceService"/>); no exclusive or sole licence beside another or an open one; licence recordal due
/// 3 months after the contract takes effect, and an assignment in force from its registration date; a deal that needs
/// the leadership's collective decision only once it approved it (<see cref="Leadership.LeadershipDecisionService"/>). The owner of
/// <c>tt_agreements</c> and <c>tt_filings</c>.
/// </summary>
public sealed class AgreementService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options,
    Leadership.LeadershipDecisionService leadership)
{
    /// <summary>
    /// Signs the agreement on the concluded pricing that set its price: the same counterparty, at least the price, once.
    /// An open licence is never signed here (its fee is the declaration's, not a price): it is taken under the
    /// declaration in force (<see cref="OpenLicenceService"/>).
    /// </summary>
    public Task<Agreement> SignAsync(ActingUser actor, Guid inventionId, AgreementTerms terms, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var pricing = await EnsureSignableAsync(db, actor, inventionId, terms, ct);
            return await RecordAsync(db, actor, inventionId, terms with { Counterparty = terms.Counterparty.Trim() }, pricing.Id, null, ct);
        }, ct);

    /// <summary>The checks of <see cref="SignAsync"/> without signing, so an endpoint can refuse before it completes the signing step.</summary>
    public Task CheckSignableAsync(ActingUser actor, Guid inventionId, AgreementTerms terms, CancellationToken ct = default) =>
        store.ReadAsync(async db => await EnsureSignableAsync(db, actor, inventionId, terms, ct), ct);

    private async Task<PricingRecord> EnsureSignableAsync(TechTransferDbContext db, ActingUser actor, Guid inventionId, AgreementTerms terms, CancellationToken ct)
    {
        InventionService.EnsureOffice(actor);
        CheckTerms(terms);
        await InventionService.LoadAsync(db, inventionId, ct);
        if (terms.Kind == AgreementKind.OpenLicence)
            throw TechTransferException.Conflict("open-licence-not-signed-here",
                "An open licence is not signed on a pricing: it is taken, at the declared fee, under the open-licence declaration in force " +
                "by a party who notifies and pays.", "agreementKind");
        if (terms.PricingId is not { } pricingId)
            throw TechTransferException.Rule("required", "Name the pricing (notice, listing or auction) that set the price.", "pricingId");
        if (await db.Agreements.AnyAsync(a => a.PricingId == pricingId, ct))
            throw TechTransferException.Conflict("already-signed", "An agreement has already been signed on this pricing.", "pricingId");
        var pricing = await PricingService.EnsureSignableAsync(db, pricingId, clock.GetUtcNow(), ct);
        if (pricing.InventionId != inventionId) throw TechTransferException.Rule("wrong-pricing", "That pricing is of another invention.", "pricingId");
        if (!string.Equals(pricing.Counterparty, terms.Counterparty.Trim(), StringComparison.Ordinal))
            throw TechTransferException.Rule("wrong-counterparty", $"The price was set with {pricing.Counterparty}, not {terms.Counterparty.Trim()}.", "counterparty");
        if (terms.Consideration < pricing.FinalPrice)
            throw TechTransferException.Rule("below-price", $"The consideration is below the price set ({pricing.FinalPrice:0.00}).", "consideration");
        if (terms.Kind is AgreementKind.ExclusiveLicence or AgreementKind.SoleLicence)
            await EnsureNoExclusivityBarAsync(db, inventionId, ct);
        await leadership.EnsureApprovedAsync(db, inventionId, terms.Kind, terms.Consideration, ct);
        return pricing;
    }

    private void CheckTerms(AgreementTerms terms)
    {
        if (string.IsNullOrWhiteSpace(terms.Counterparty)) throw TechTransferException.Rule("required", "Name the counterparty.", "counterparty");
        TextRules.Check(terms.Counterparty, "counterparty", options.Limits.Name, singleLine: true);
        TextRules.Check(terms.FeeTerms, "feeTerms", options.Limits.Text);
        if (terms.Consideration < 0) throw TechTransferException.Rule("negative", "The consideration cannot be negative.", "consideration");
        if (terms.TermStart is { } s && terms.TermEnd is { } e && e < s)
            throw TechTransferException.Rule("term-reversed", "The term ends before it starts.", "termEnd");
    }

    /// <summary>An exclusive or sole licence excludes every other licence of the kind, and an open licence declared or taken.</summary>
    private async Task EnsureNoExclusivityBarAsync(TechTransferDbContext db, Guid inventionId, CancellationToken ct)
    {
        if ((await InForceAsync(db, inventionId, ct)).Any(a => a.Kind is AgreementKind.OpenLicence or AgreementKind.ExclusiveLicence or AgreementKind.SoleLicence))
            throw TechTransferException.Conflict("licence-conflict",
                "An exclusive or sole licence cannot be granted beside an open, exclusive or sole licence in force.", "agreementKind");
        if (await db.OpenLicenceDeclarations.AnyAsync(d => d.InventionId == inventionId && d.Status != OpenLicenceDeclarationStatus.Withdrawn, ct))
            throw TechTransferException.Conflict("open-licence-declared",
                "An exclusive or sole licence cannot be granted while an open-licence declaration stands; withdraw it first.", "agreementKind");
    }

    /// <summary>The invention's agreements in force today (a licence whose term has ended is not).</summary>
    internal async Task<List<Agreement>> InForceAsync(TechTransferDbContext db, Guid inventionId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return (await db.Agreements.Where(a => a.InventionId == inventionId && a.Status == AgreementStatus.InForce).ToListAsync(ct))
            .Where(a => a.TermEnd is null || a.TermEnd >= today).ToList();
    }

    /// <summary>Records a checked agreement with its filing (licence recordal or assignment registration) and its evidence.</summary>
    internal async Task<Agreement> RecordAsync(TechTransferDbContext db, ActingUser actor, Guid inventionId, AgreementTerms terms, Guid? pricingId,
        Guid? declarationId, CancellationToken ct)
    {
        var transfersOwnership = terms.Kind is AgreementKind.Assignment or AgreementKind.Equity;
        var agreement = new Agreement
        {
            Id = Guid.NewGuid(), InventionId = inventionId, PricingId = pricingId, DeclarationId = declarationId, Kind = terms.Kind,
            Counterparty = terms.Counterparty, Consideration = terms.Consideration, FeeTerms = terms.FeeTerms, TermStart = terms.TermStart,
            TermEnd = terms.TermEnd, EffectiveDate = terms.EffectiveDate, SignedAt = clock.GetUtcNow(), SignedBy = actor.UserId,
            Status = transfersOwnership ? AgreementStatus.Signed : AgreementStatus.InForce,
        };
        db.Agreements.Add(agreement);
        var filing = new Filing
        {
            Id = Guid.NewGuid(), AgreementId = agreement.Id, InventionId = inventionId,
            Kind = transfersOwnership ? FilingKind.AssignmentRegistration : FilingKind.LicenceRecordal,
            DueDate = transfersOwnership ? null : RecordalDeadline(terms.EffectiveDate),
            Status = FilingStatus.Due,
        };
        db.Filings.Add(filing);
        await evidence.AppendAsync(db, inventionId, actor, "agreement.signed", new
        {
            agreement.Id, kind = Names.Kebab(terms.Kind), agreement.Counterparty, terms.Consideration, terms.FeeTerms, terms.TermStart, terms.TermEnd,
            terms.EffectiveDate, pricingId, declarationId, filing = new { filing.Id, kind = Names.Kebab(filing.Kind), filing.DueDate },
        }, ct);
        return agreement;
    }

    /// <summary>Licence recordal is due this long after the contract takes effect (3 months by default).</summary>
    /// <summary>
    /// Records the technology-contract registration (技术合同认定登记) of a signed agreement: the registration number, its
    /// date (not before signing) and the certificate, a stored attachment of the invention whose hash goes into the evidence.
    /// </summary>
    public Task<Agreement> RecordContractRegistrationAsync(ActingUser actor, Guid agreementId, string number, DateOnly registeredOn, Guid documentId,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == agreementId, ct) ?? throw TechTransferException.NotFound("Agreement", agreementId);
            if (string.IsNullOrWhiteSpace(number)) throw TechTransferException.Rule("required", "Give the registration number.", "registrationNumber");
            number = number.Trim();
            TextRules.Check(number, "registrationNumber", options.Limits.Name, singleLine: true);
            if (agreement.ContractRegisteredOn is not null)
            {
                if (agreement.ContractRegistrationNumber == number && agreement.ContractRegisteredOn == registeredOn && agreement.ContractRegistrationDocumentId == documentId)
                    return agreement; // the same registration again
                throw TechTransferException.Conflict("already-registered",
                    $"The contract was registered as {agreement.ContractRegistrationNumber} on {agreement.ContractRegisteredOn:yyyy-MM-dd}.", "registrationNumber");
            }
            if (registeredOn < DateOnly.FromDateTime(agreement.SignedAt.UtcDateTime.AddHours(-14)))
                throw TechTransferException.Rule("before-signing", "A contract is registered after it is signed.", "registeredOn");
            if (registeredOn > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(14)))
                throw TechTransferException.Rule("in-the-future", "The registration date is in the future.", "registeredOn");
            var document = await db.Attachments.FirstOrDefaultAsync(a => a.Id == documentId && a.InventionId == agreement.InventionId, ct)
                           ?? throw TechTransferException.Rule("wrong-attachment", "The registration certificate is not an attachment of this invention.", "documentId");
            agreement.ContractRegistrationNumber = number;
            agreement.ContractRegisteredOn = registeredOn;
            agreement.ContractRegistrationDocumentId = documentId;
            agreement.ContractRegisteredAt = clock.GetUtcNow();
            agreement.ContractRegisteredBy = actor.UserId;
            await evidence.AppendAsync(db, agreement.InventionId, actor, "agreement.contract-registered", new
            {
                agreementId = agreement.Id, registrationNumber = number, registeredOn, documentId, document.FileName, documentSha256 = document.Sha256,
            }, ct);
            return agreement;
        }, ct);

    public DateOnly RecordalDeadline(DateOnly effectiveDate) => effectiveDate.AddMonths(options.Licensing.RecordalMonths);

    public Task<Filing> SubmitFilingAsync(ActingUser actor, Guid filingId, DateOnly submittedOn, string reference, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            if (string.IsNullOrWhiteSpace(reference)) throw TechTransferException.Rule("required", "Give the submission's reference.", "reference");
            TextRules.Check(reference, "reference", options.Limits.Name, singleLine: true);
            var filing = await LoadFilingAsync(db, filingId, ct);
            if (filing.Status is not (FilingStatus.Due or FilingStatus.Refused))
                throw TechTransferException.Conflict("already-submitted", "The filing has been submitted.");
            filing.Status = FilingStatus.Submitted;
            filing.SubmittedOn = submittedOn;
            filing.Reference = reference;
            filing.SubmittedBy = actor.UserId;
            filing.RefusalReason = null;
            var late = filing.DueDate is { } due && submittedOn > due;
            await evidence.AppendAsync(db, filing.InventionId, actor, "filing.submitted", new { filing.Id, submittedOn, reference, filing.DueDate, late });
            return filing;
        }, ct);

    /// <summary>The patent office's decision. An accepted assignment takes effect on its registration date.</summary>
    public Task<Filing> RecordFilingDecisionAsync(ActingUser actor, Guid filingId, bool accepted, DateOnly decidedOn, string? refusalReason,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var filing = await LoadFilingAsync(db, filingId, ct);
            if (filing.Status != FilingStatus.Submitted) throw TechTransferException.Conflict("not-submitted", "Only a submitted filing is decided.");
            if (!accepted && string.IsNullOrWhiteSpace(refusalReason))
                throw TechTransferException.Rule("required", "Record the patent office's reason for refusing.", "refusalReason");
            TextRules.Check(refusalReason, "refusalReason", options.Limits.Text);
            if (filing.SubmittedOn is { } submitted && decidedOn < submitted)
                throw TechTransferException.Rule("decided-before-submitted", "The decision date is before the submission.", "decidedOn");
            filing.Status = accepted ? FilingStatus.Accepted : FilingStatus.Refused;
            filing.DecidedOn = decidedOn;
            filing.RefusalReason = accepted ? null : refusalReason;
            if (accepted)
            {
                var agreement = await db.Agreements.FirstAsync(a => a.Id == filing.AgreementId, ct);
                if (filing.Kind == FilingKind.AssignmentRegistration)
                {
                    agreement.RegisteredOn = decidedOn;
                    agreement.Status = AgreementStatus.InForce;
                }
                var invention = await InventionService.LoadAsync(db, filing.InventionId, ct);
                invention.Status = InventionStatus.Transferred;
                invention.Version++;
            }
            await evidence.AppendAsync(db, filing.InventionId, actor, "filing.decided", new { filing.Id, accepted, decidedOn, refusalReason });
            return filing;
        }, ct);

    public async Task<Agreement> GetAsync(ActingUser actor, Guid agreementId, CancellationToken ct = default)
    {
        var agreement = await store.ReadAsync(db => db.Agreements.FirstOrDefaultAsync(a => a.Id == agreementId, ct), ct)
                        ?? throw TechTransferException.NotFound("Agreement", agreementId);
        await InventionService.EnsureCanReadAsync(store, actor, agreement.InventionId, ct);
        return agreement;
    }

    public async Task<List<Agreement>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await InventionService.EnsureCanReadAsync(store, actor, inventionId, ct);
        var list = await store.ReadAsync(db => db.Agreements.Where(a => a.InventionId == inventionId).ToListAsync(ct), ct);
        return list.OrderBy(a => a.SignedAt).ToList();
    }

    public async Task<Filing> GetFilingAsync(ActingUser actor, Guid filingId, CancellationToken ct = default)
    {
        var filing = await store.ReadAsync(db => db.Filings.FirstOrDefaultAsync(f => f.Id == filingId, ct), ct)
                     ?? throw TechTransferException.NotFound("Filing", filingId);
        await InventionService.EnsureCanReadAsync(store, actor, filing.InventionId, ct);
        return filing;
    }

    public async Task<List<Filing>> ListFilingsAsync(ActingUser actor, Guid agreementId, CancellationToken ct = default)
    {
        var agreement = await GetAsync(actor, agreementId, ct);
        return await store.ReadAsync(db => db.Filings.Where(f => f.AgreementId == agreement.Id).ToListAsync(ct), ct);
    }


    private static async Task<Filing> LoadFilingAsync(TechTransferDbContext db, Guid id, CancellationToken ct) =>
        await db.Filings.FirstOrDefaultAsync(f => f.Id == id, ct) ?? throw TechTransferException.NotFound("Filing", id);
}
