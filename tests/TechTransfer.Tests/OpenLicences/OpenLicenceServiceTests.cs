using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.OpenLicences;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.OpenLicences;

public sealed class OpenLicenceServiceTests
{
    private static readonly OpenLicenceTerms LumpSumAndRoyalty = new(OpenLicenceFeeMethod.LumpSumAndRoyalty, 50_000m, 3m, "net sales of licensed products",
        "royalties yearly by 31 March", 36);

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task A_declaration_needs_a_grant_and_states_its_fee_method_rate_and_term(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        Assert.Equal(("not-granted", "inventionId"), await RefusedAsync(() => h.Get<OpenLicenceService>().DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty)));
        await GrantAsync(h, invention);

        var open = h.Get<OpenLicenceService>();
        Assert.Equal(("required", "feeMethod"), await RefusedAsync(() => open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty with { FeeMethod = null })));
        Assert.Equal(("required", "lumpSum"), await RefusedAsync(() => open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty with { LumpSum = 0m })));
        Assert.Equal(("required", "royaltyRate"), await RefusedAsync(() => open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty with { RoyaltyRate = 101m })));
        Assert.Equal(("required", "royaltyBase"), await RefusedAsync(() => open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty with { RoyaltyBase = " " })));
        Assert.Equal(("required", "licenceTermMonths"), await RefusedAsync(() => open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty with { LicenceTermMonths = null })));
        Assert.Equal("forbidden", (await Assert.ThrowsAsync<TechTransferException>(() => open.DeclareAsync(Alice, invention.Id, LumpSumAndRoyalty))).Code);

        var declaration = await open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty);
        Assert.Equal(("ZL202610000001.X", OpenLicenceDeclarationStatus.Declared), (declaration.PatentNumber, declaration.Status));
        Assert.Equal("lump sum 50000.00 yuan + royalty 3% of net sales of licensed products; royalties yearly by 31 March", declaration.FeeSummary());
        Assert.Equal(("declaration-in-force", "inventionId"), await RefusedAsync(() => open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty)));
        Assert.Contains(await h.Evidence.EntriesAsync(invention.Id), e => e.Action == "open-licence.declared");
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task No_declaration_beside_an_exclusive_licence_and_no_exclusive_licence_beside_a_declaration(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var open = h.Get<OpenLicenceService>();
        var exclusive = await GrantAsync(h, await h.AcceptedInventionAsync());
        var auction = await ConcludedAuctionAsync(h, exclusive, "Acme Ltd", 100_000m);
        await h.Agreements.SignAsync(Tom, exclusive.Id, new AgreementTerms(AgreementKind.SoleLicence, "Acme Ltd", 100_000m, new DateOnly(2026, 3, 3), auction,
            new DateOnly(2026, 3, 3), new DateOnly(2030, 3, 2)));
        Assert.Equal(("exclusive-in-force", "inventionId"), await RefusedAsync(() => open.DeclareAsync(Tom, exclusive.Id, LumpSumAndRoyalty)));

        var declared = await GrantAsync(h, await h.AcceptedInventionAsync());
        var declaration = await open.DeclareAsync(Tom, declared.Id, LumpSumAndRoyalty);
        var pricing = await ConcludedAuctionAsync(h, declared, "Acme Ltd", 100_000m);
        var terms = new AgreementTerms(AgreementKind.ExclusiveLicence, "Acme Ltd", 100_000m, new DateOnly(2026, 3, 4), pricing);
        Assert.Equal(("open-licence-declared", "agreementKind"), await RefusedAsync(() => h.Agreements.SignAsync(Tom, declared.Id, terms)));
        // An ordinary licence on a concluded price stands beside an open licence; an exclusive one once the declaration is withdrawn.
        await open.WithdrawAsync(Tom, declaration.Id, "The exclusive licence serves the patent better.");
        await h.Agreements.SignAsync(Tom, declared.Id, terms);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Anyone_who_notifies_and_pays_takes_an_ordinary_licence_at_the_declared_terms_recorded_like_any_licence(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var open = h.Get<OpenLicenceService>();
        var invention = await GrantAsync(h, await h.AcceptedInventionAsync());
        var declaration = await open.DeclareAsync(Tom, invention.Id, LumpSumAndRoyalty);
        var today = new DateOnly(2026, 3, 2);
        var notice = new OpenLicenceNotice("Hangzhou Sensors Co.", today, 50_000m, today, "BANK-2026-001");

        Assert.Equal(("declaration-not-in-force", "declarationId"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice)));
        Assert.Equal(("in-the-future", "publishedOn"), await RefusedAsync(() => open.RecordPublicationAsync(Tom, declaration.Id, today.AddDays(1), "CNIPA 2026-09")));
        await open.RecordPublicationAsync(Tom, declaration.Id, today, "CNIPA open-licence announcement 2026-09");

        Assert.Equal(("below-declared-fee", "amountPaid"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice with { AmountPaid = 1m })));
        Assert.Equal(("required", "paidOn"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice with { PaidOn = null })));
        Assert.Equal(("notified-before-published", "notifiedOn"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice with { NotifiedOn = today.AddDays(-1) })));
        Assert.Equal(("required", "licensee"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice with { Licensee = "" })));

        var licence = await open.TakeLicenceAsync(Tom, declaration.Id, notice);
        Assert.Equal((AgreementKind.OpenLicence, "Hangzhou Sensors Co.", 50_000m, declaration.Id, (Guid?)null, AgreementStatus.InForce),
            (licence.Kind, licence.Counterparty, licence.Consideration, licence.DeclarationId, licence.PricingId, licence.Status));
        Assert.Equal((today, today, new DateOnly(2029, 3, 1), declaration.FeeSummary()), (licence.EffectiveDate, licence.TermStart, licence.TermEnd, licence.FeeTerms));
        var filing = Assert.Single(await h.Agreements.ListFilingsAsync(Tom, licence.Id));
        Assert.Equal((FilingKind.LicenceRecordal, new DateOnly(2026, 6, 2)), (filing.Kind, filing.DueDate));
        Assert.Equal(("already-licensed", "licensee"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice)));
        // Anyone else may take one too: a royalty-only payer's licence runs from the day it paid.
        var second = await open.TakeLicenceAsync(Tom, declaration.Id, new OpenLicenceNotice("Ningbo Optics Ltd.", today, 60_000m, today, null));
        Assert.Equal(2, (await open.LicencesAsync(Tom, declaration.Id)).Count);

        await open.WithdrawAsync(Tom, declaration.Id, "Licensing is now done by listing.");
        Assert.Equal(("declaration-not-in-force", "declarationId"), await RefusedAsync(() => open.TakeLicenceAsync(Tom, declaration.Id, notice with { Licensee = "Late Co." })));
        Assert.All(await h.Agreements.ListAsync(Tom, invention.Id), a => Assert.Equal(AgreementStatus.InForce, a.Status)); // taken licences stay
        var actions = (await h.Evidence.EntriesAsync(invention.Id)).Select(e => e.Action).ToList();
        Assert.Equal(["open-licence.declared", "open-licence.published", "open-licence.notified-and-paid", "agreement.signed",
            "open-licence.notified-and-paid", "agreement.signed", "open-licence.withdrawn"], actions.Where(a => a.StartsWith("open-licence.", StringComparison.Ordinal) || a == "agreement.signed"));
        Assert.True((await h.Evidence.VerifyAsync(invention.Id)).Intact);
        Assert.NotEqual(second.Id, licence.Id);
    }

    private static async Task<Invention> GrantAsync(DomainHarness h, Invention invention)
    {
        await h.Inventions.RecordPatentApplicationAsync(Tom, invention.Id, "CN202610000001.X", new DateOnly(2025, 1, 10));
        return await h.Inventions.RecordGrantAsync(Tom, invention.Id, "ZL202610000001.X", new DateOnly(2026, 2, 1));
    }

    private static async Task<Guid> ConcludedAuctionAsync(DomainHarness h, Invention invention, string bidder, decimal amount)
    {
        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, amount, null);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, bidder, amount);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Pricing.CloseAuctionAsync(Tom, auction.Id);
        return auction.Id;
    }

    internal static async Task<(string Code, string? Field)> RefusedAsync(Func<Task> act)
    {
        var e = await Assert.ThrowsAsync<TechTransferException>(act);
        return (e.Code, e.Field);
    }
}
