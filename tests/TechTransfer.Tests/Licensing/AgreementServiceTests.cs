using TechTransfer.Licensing;
using TechTransfer.Pricing;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Licensing;

public sealed class AgreementServiceTests
{
    [Theory]
    [InlineData("2026-03-17", "2026-06-17")]
    [InlineData("2026-11-30", "2027-02-28")]
    [InlineData("2027-11-30", "2028-02-29")]
    public async Task Recordal_deadline_is_effective_date_plus_3_months(string effective, string due)
    {
        await using var h = await CreateAsync(DatabaseProvider.Sqlite);
        Assert.Equal(DateOnly.Parse(due), h.Agreements.RecordalDeadline(DateOnly.Parse(effective)));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_signed_licence_has_its_recordal_due_and_an_assignment_takes_effect_on_registration(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Pricing.NoticeWindow = TimeSpan.FromMinutes(1));
        var invention = await h.AcceptedInventionAsync();
        var notice = await h.Pricing.OpenPublicNoticeAsync(Tom, invention.Id, new NoticeTerms(100_000m, "Acme Ltd", false, "licence", null, "no appraisal: small value"));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Pricing.ClosePublicNoticeAsync(Tom, notice.Id);

        var licence = await h.Agreements.SignAsync(Tom, invention.Id, new AgreementTerms(AgreementKind.OrdinaryLicence, "Acme Ltd", 100_000m,
            new DateOnly(2026, 11, 30), notice.Id, new DateOnly(2026, 12, 1), new DateOnly(2031, 11, 30)));
        var filing = Assert.Single(await h.Agreements.ListFilingsAsync(Tom, licence.Id));
        Assert.Equal(FilingKind.LicenceRecordal, filing.Kind);
        Assert.Equal(new DateOnly(2027, 2, 28), filing.DueDate);
        Assert.Equal(AgreementStatus.InForce, licence.Status);
        var twice = await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, invention.Id,
            new AgreementTerms(AgreementKind.OrdinaryLicence, "Acme Ltd", 100_000m, new DateOnly(2026, 11, 30), notice.Id)));
        Assert.Equal("already-signed", twice.Code);

        await h.Agreements.SubmitFilingAsync(Tom, filing.Id, new DateOnly(2027, 1, 5), "CNIPA-BA-2027-0001");
        var refused = await h.Agreements.RecordFilingDecisionAsync(Tom, filing.Id, false, new DateOnly(2027, 1, 12), "Term beyond the patent's life");
        Assert.Equal(FilingStatus.Refused, refused.Status);
        await h.Agreements.SubmitFilingAsync(Tom, filing.Id, new DateOnly(2027, 1, 20), "CNIPA-BA-2027-0002");
        Assert.Equal(FilingStatus.Accepted, (await h.Agreements.RecordFilingDecisionAsync(Tom, filing.Id, true, new DateOnly(2027, 1, 25), null)).Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Assignment_is_in_force_from_its_registration_date(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 200_000m, null);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 210_000m);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, auction.Id);

        var assignment = await h.Agreements.SignAsync(Tom, invention.Id, new AgreementTerms(AgreementKind.Assignment, "Acme Ltd", 210_000m, new DateOnly(2026, 3, 6), auction.Id));
        Assert.Equal(AgreementStatus.Signed, assignment.Status);
        var filing = Assert.Single(await h.Agreements.ListFilingsAsync(Tom, assignment.Id));
        Assert.Equal(FilingKind.AssignmentRegistration, filing.Kind);
        await h.Agreements.SubmitFilingAsync(Tom, filing.Id, new DateOnly(2026, 3, 9), "CNIPA-ZL-1");
        await h.Agreements.RecordFilingDecisionAsync(Tom, filing.Id, true, new DateOnly(2026, 4, 2), null);

        var registered = await h.Agreements.GetAsync(Tom, assignment.Id);
        Assert.Equal(AgreementStatus.InForce, registered.Status);
        Assert.Equal(new DateOnly(2026, 4, 2), registered.RegisteredOn);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task An_agreement_is_signed_only_on_its_concluded_pricing_with_its_party_at_its_price_once(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var other = await h.AcceptedInventionAsync();
        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 100_000m, null);
        var day = new DateOnly(2026, 3, 10);
        AgreementTerms Terms(AgreementKind kind, string party, decimal price, Guid? pricing = null) => new(kind, party, price, day, pricing ?? auction.Id);
        async Task<TechTransferException> Refused(Guid id, AgreementTerms terms) =>
            await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, id, terms));

        // Still running: nothing, not even an open licence.
        Assert.Equal(("pricing-not-concluded", "pricingId"), Said(await Refused(invention.Id, Terms(AgreementKind.OrdinaryLicence, "Acme Ltd", 180_000m))));
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 180_000m);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, auction.Id);

        Assert.Equal(("open-licence-not-signed-here", "agreementKind"), Said(await Refused(invention.Id, Terms(AgreementKind.OpenLicence, "Anyone Co.", 1m) with { FeeTerms = "1 yuan" })));
        Assert.Equal(("open-licence-not-signed-here", "agreementKind"), Said(await Refused(invention.Id, Terms(AgreementKind.OpenLicence, "Acme Ltd", 180_000m, Guid.Empty) with { PricingId = null, FeeTerms = "x" })));
        Assert.Equal(("required", "pricingId"), Said(await Refused(invention.Id, Terms(AgreementKind.OrdinaryLicence, "Acme Ltd", 180_000m) with { PricingId = null })));
        Assert.Equal(("below-price", "consideration"), Said(await Refused(invention.Id, Terms(AgreementKind.OrdinaryLicence, "Acme Ltd", 179_999.99m))));
        Assert.Equal(("wrong-counterparty", "counterparty"), Said(await Refused(invention.Id, Terms(AgreementKind.Assignment, "Anyone Co.", 500_000m))));
        Assert.Equal(("wrong-pricing", "pricingId"), Said(await Refused(other.Id, Terms(AgreementKind.Assignment, "Acme Ltd", 180_000m))));
        Assert.Empty(await h.Agreements.ListAsync(Tom, invention.Id));

        await h.Agreements.SignAsync(Tom, invention.Id, Terms(AgreementKind.ExclusiveLicence, " Acme Ltd ", 180_000m));
        Assert.Equal(("already-signed", "pricingId"), Said(await Refused(invention.Id, Terms(AgreementKind.OrdinaryLicence, "Acme Ltd", 180_000m))));

        // A pricing that failed signs nothing either.
        var failed = await h.Pricing.OpenAuctionAsync(Tom, other.Id, 100_000m, null);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, failed.Id);
        Assert.Equal(("pricing-not-concluded", "pricingId"), Said(await Refused(other.Id, Terms(AgreementKind.OrdinaryLicence, "Acme Ltd", 100_000m, failed.Id))));
        Assert.Single(await h.Agreements.ListAsync(Tom, invention.Id));
        Assert.Empty(await h.Agreements.ListAsync(Tom, other.Id));
    }

    private static (string Code, string? Field) Said(TechTransferException e) => (e.Code, e.Field);
}
