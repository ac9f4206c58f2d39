using TechTransfer.Licensing;
using TechTransfer.Pricing;
using Workflows.Persistence;
using static TechTransfer.Tests.DomainHarness;

namespace TechTransfer.Tests.Pricing;

public sealed class PricingServiceTests
{
    private static readonly NoticeTerms Terms = new(500_000m, "Acme Ltd", RelatedParty: false, "assignment", 480_000m, "Appraisal by Zhejiang Assets");

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Notice_window_cannot_be_cut_short(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var notice = await h.Pricing.OpenPublicNoticeAsync(Tom, invention.Id, Terms);
        Assert.Equal(Start + TimeSpan.FromDays(15), notice.WindowEndsAt);

        h.Clock.Advance(TimeSpan.FromDays(15) - TimeSpan.FromSeconds(1));
        var early = await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.ClosePublicNoticeAsync(Tom, notice.Id));
        Assert.Equal("window-running", early.Code);
        var signing = await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, invention.Id,
            new AgreementTerms(AgreementKind.Assignment, "Acme Ltd", 500_000m, new DateOnly(2026, 3, 17), notice.Id)));
        Assert.Equal("notice-window-running", signing.Code);

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var closed = await h.Pricing.ClosePublicNoticeAsync(Tom, notice.Id);
        Assert.Equal(PricingStatus.Concluded, closed.Record.Status);
        Assert.Equal(500_000m, closed.Record.FinalPrice);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task The_notice_window_comes_from_configuration(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Pricing.NoticeWindow = TimeSpan.FromSeconds(30));
        var invention = await h.AcceptedInventionAsync();
        var notice = await h.Pricing.OpenPublicNoticeAsync(Tom, invention.Id, Terms);
        Assert.Equal(Start + TimeSpan.FromSeconds(30), notice.WindowEndsAt);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.ClosePublicNoticeAsync(Tom, notice.Id));
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Objection_blocks_signing_until_resolved(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var notice = await h.Pricing.OpenPublicNoticeAsync(Tom, invention.Id, Terms);
        h.Clock.Advance(TimeSpan.FromDays(3));
        var objection = await h.Pricing.LodgeObjectionAsync(Bob, notice.Id, "The price ignores the pending PCT filing.");
        h.Clock.Advance(TimeSpan.FromDays(12));

        var closed = await h.Pricing.ClosePublicNoticeAsync(Tom, notice.Id);
        Assert.Equal(PricingStatus.AwaitingObjections, closed.Record.Status);
        Assert.Equal(1, closed.OpenObjections);
        var terms = new AgreementTerms(AgreementKind.Assignment, "Acme Ltd", 500_000m, new DateOnly(2026, 3, 20), notice.Id);
        var blocked = await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, invention.Id, terms));
        Assert.Equal("objection-open", blocked.Code);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.LodgeObjectionAsync(Carol, notice.Id, "too late"));

        var resolved = await h.Pricing.ResolveObjectionAsync(Tom, objection.Id, upheld: false, "PCT value considered in the appraisal; dismissed.");
        Assert.Equal(PricingStatus.Concluded, resolved.Status);
        var agreement = await h.Agreements.SignAsync(Tom, invention.Id, terms);
        Assert.Equal(AgreementStatus.Signed, agreement.Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task An_upheld_objection_stops_the_deal(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var notice = await h.Pricing.OpenPublicNoticeAsync(Tom, invention.Id, Terms with { RelatedParty = true });
        var objection = await h.Pricing.LodgeObjectionAsync(Bob, notice.Id, "The buyer is the first inventor's company.");
        var stopped = await h.Pricing.ResolveObjectionAsync(Tom, objection.Id, upheld: true, "Related party not declared in the notice.");
        Assert.Equal(PricingStatus.Failed, stopped.Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Listing_with_one_party_goes_to_negotiation_at_no_less_than_base(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var listing = await h.Pricing.OpenListingAsync(Tom, invention.Id, 300_000m, 320_000m, "appraisal");
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 1, 0, 0, TimeSpan.Zero), listing.WindowEndsAt); // 20 working days from Monday 2 March
        await h.Pricing.RegisterInterestAsync(Tom, listing.Id, "Acme Ltd");
        await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.CloseListingAsync(Tom, listing.Id));

        h.Clock.Advance(listing.WindowEndsAt - Start);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.RegisterInterestAsync(Tom, listing.Id, "Late Corp"));
        var closed = await h.Pricing.CloseListingAsync(Tom, listing.Id);
        Assert.Equal(PricingStatus.Negotiating, closed.Record.Status);
        Assert.Equal("Acme Ltd", closed.Record.Counterparty);

        var below = await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.RecordNegotiatedPriceAsync(Tom, listing.Id, 299_999.99m));
        Assert.Equal("below-base", below.Code);
        var agreed = await h.Pricing.RecordNegotiatedPriceAsync(Tom, listing.Id, 300_000m);
        Assert.Equal(PricingStatus.Concluded, agreed.Status);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Listing_with_two_parties_goes_to_auction_where_the_highest_valid_bid_wins(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider, o => o.Pricing.ListingWindow = TimeSpan.FromMinutes(5));
        var invention = await h.AcceptedInventionAsync();
        var listing = await h.Pricing.OpenListingAsync(Tom, invention.Id, 300_000m, null, "decided not to appraise: listing sets the price");
        await h.Pricing.RegisterInterestAsync(Tom, listing.Id, "Acme Ltd");
        await h.Pricing.RegisterInterestAsync(Tom, listing.Id, "Beta Corp");
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var closed = await h.Pricing.CloseListingAsync(Tom, listing.Id);
        Assert.Equal(PricingStatus.ToAuction, closed.Record.Status);

        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 300_000m, listing.Id);
        Assert.False((await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 290_000m)).Valid);
        Assert.False((await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Gamma Inc", 900_000m)).Valid); // not a party of the listing
        Assert.True((await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 350_000m)).Valid);
        Assert.True((await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Beta Corp", 360_000m)).Valid);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 400_000m));

        var result = await h.Pricing.CloseAuctionAsync(Tom, auction.Id);
        Assert.Equal(PricingStatus.Concluded, result.Record.Status);
        Assert.Equal("Beta Corp", result.Record.Counterparty);
        Assert.Equal(360_000m, result.Record.FinalPrice);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainHarness))]
    public async Task Auction_with_no_valid_bid_fails(DatabaseProvider provider)
    {
        await using var h = await CreateAsync(provider);
        var invention = await h.AcceptedInventionAsync();
        var auction = await h.Pricing.OpenAuctionAsync(Tom, invention.Id, 300_000m, null);
        await h.Pricing.PlaceBidAsync(Tom, auction.Id, "Acme Ltd", 250_000m);
        await Assert.ThrowsAsync<TechTransferException>(() => h.Pricing.CloseAuctionAsync(Tom, auction.Id));
        h.Clock.Advance(TimeSpan.FromDays(1));

        var result = await h.Pricing.CloseAuctionAsync(Tom, auction.Id);
        Assert.Equal(PricingStatus.Failed, result.Record.Status);
        Assert.Null(result.Record.Counterparty);
        var refused = await Assert.ThrowsAsync<TechTransferException>(() => h.Agreements.SignAsync(Tom, invention.Id,
            new AgreementTerms(AgreementKind.Assignment, "Acme Ltd", 250_000m, new DateOnly(2026, 3, 10), auction.Id)));
        Assert.Equal("pricing-not-concluded", refused.Code);
    }
}
