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
    public async Task Open_licence_only_after_grant_and_never_beside_an_exclusive_licence(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var open = new AgreementTerms(AgreementKind.OpenLicence, "Anyone who notifies and pays", 0m, new DateOnly(2026, 3, 2), FeeTerms: "3% of sales");

        Assert.Equal("not-granted", (await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, invention.Id, open))).Code);
        await h.Inventions.RecordPatentApplicationAsync(Tom, invention.Id, "CN202610000001.X", new DateOnly(2025, 1, 10));
        await h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL202610000001.X", new DateOnly(2026, 2, 1));

        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 100_000m, null);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 100_000m);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, auction.Id);
        await h.Agreements.SignAsync(Tom, invention.Id, new AgreementTerms(AgreementKind.ExclusiveLicence, "Acme Ltd", 100_000m, new DateOnly(2026, 3, 3), auction.Id,
            new DateOnly(2026, 3, 3), new DateOnly(2030, 3, 2)));

        Assert.Equal("exclusive-in-force", (await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, invention.Id, open))).Code);
    }
}
