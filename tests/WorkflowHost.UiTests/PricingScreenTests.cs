using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The pricing screens in Chromium: a public notice with its countdown, an objection lodged by someone signed in and
/// decided by the office; a listing with two parties that goes to auction, bids (one invalid, marked) and the result.
/// The case reaches pricing through the REST API (the committee approves there); each window passes when the test
/// advances the host's clock.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class PricingScreenTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task Office_records_objection_resolution_on_a_public_notice()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-pricing-notice", new JsonObject
        {
            ["pricingMethod"] = "agreement", ["reviewSubject"] = "Assignment by agreement to an inventor's company",
            ["price"] = 80000, ["counterparty"] = "Hangzhou Photonics Co.", ["relatedParty"] = true, ["transferMethod"] = "assignment",
            ["valuation"] = 90000, ["valuationBasis"] = "Cost approach; appraisal report 2026-041",
        });
        // Both browsers are signed in before the notice opens.
        var inventor = await host.SignInAsync(c.InventorEmail, UiHost.UserPassword);
        var manager = await host.SignInAsync(c.ManagerEmail, UiHost.UserPassword);
        await c.ApproveAsync(host);
        var notice = await c.PricingAsync(host, "agreement");

        // Anyone signed in (here the inventor) reads the notice with its countdown and objects with a reason.
        await host.GotoAsync(inventor, $"pricing/{notice}");
        await Assertions.Expect(inventor.Locator("h1")).ToHaveTextAsync("Public notice of an agreed price");
        await Assertions.Expect(inventor.Locator("[data-testid=countdown]")).ToHaveTextAsync(new Regex(@"^0[0-5]:\d\d$"));
        await Assertions.Expect(inventor.Locator("[data-testid=related-party]")).ToBeVisibleAsync();
        await UiHost.Input(inventor, "objection-text").FillAsync("The price ignores the licence income already offered by Ningbo Optics.");
        await inventor.Locator("[data-testid=objection-submit]").ClickAsync();
        await Assertions.Expect(inventor.Locator("[data-testid=objection-status-0]")).ToHaveTextAsync("Open");

        // The office opens the screen as the inbox links it (by case), investigates and dismisses with a reason.
        await host.GotoAsync(manager, $"pricing/case/{Uri.EscapeDataString(c.CaseNumber)}");
        await Assertions.Expect(manager.Locator("[data-testid=objection-0]")).ToContainTextAsync("Ningbo Optics");
        await UiHost.ScreenshotAsync(manager, "pricing-notice-en");
        await manager.Locator("[data-testid=objection-dismiss-0]").ClickAsync();
        await Assertions.Expect(manager.Locator("[data-testid=action-error]")).ToContainTextAsync("How it was investigated");
        await UiHost.Input(manager, "objection-resolution-0").FillAsync("Ningbo Optics made no written offer; the appraisal stands.");
        await manager.Locator("[data-testid=objection-dismiss-0]").ClickAsync();
        await Assertions.Expect(manager.Locator("[data-testid=objection-status-0]")).ToHaveTextAsync("Dismissed");
        await Assertions.Expect(manager.Locator("[data-testid=objection-resolution-text-0]")).ToContainTextAsync("appraisal stands");

        // The objector sees the decision; when the window ends the page (re-reading by itself) shows the concluded price.
        await Assertions.Expect(inventor.Locator("[data-testid=objection-status-0]")).ToHaveTextAsync("Dismissed");
        host.Pass(UiHost.NoticeWindow);
        await Assertions.Expect(manager.Locator("[data-testid=pricing-status]")).ToHaveTextAsync("Concluded");
        await Assertions.Expect(manager.Locator("[data-testid=result-counterparty]")).ToContainTextAsync("Hangzhou Photonics Co.");
        await Assertions.Expect(manager.Locator("[data-testid=result-price]")).ToContainTextAsync("80,000.00");
        await UiHost.ScreenshotAsync(manager, "pricing-notice-concluded-en");
        await manager.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("协议定价公示");
        await Assertions.Expect(manager.Locator("[data-testid=objection-status-0]")).ToHaveTextAsync("异议不成立");
        await UiHost.ScreenshotAsync(manager, "pricing-notice-zh-CN");

        using var api = await host.ApiAsAsync(c.ManagerEmail, UiHost.UserPassword);
        var record = await api.GetFromJsonAsync<JsonObject>($"api/v1/pricing/{notice}");
        Assert.Equal("dismissed", record!["objections"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Listing_with_two_parties_goes_to_auction_where_an_invalid_bid_is_marked_and_the_highest_valid_bid_wins()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-pricing-listing", new JsonObject
        {
            ["pricingMethod"] = "listing", ["reviewSubject"] = "Exclusive licence by listing on the exchange",
            ["basePrice"] = 100000, ["valuation"] = 120000, ["valuationBasis"] = "Income approach, 5 years of royalties",
        });
        var manager = await host.SignInAsync(c.ManagerEmail, UiHost.UserPassword);
        await c.ApproveAsync(host);
        var listing = await c.PricingAsync(host, "listing");

        // While the listing's window runs, the office registers two qualified parties.
        await host.GotoAsync(manager, $"pricing/case/{Uri.EscapeDataString(c.CaseNumber)}");
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("Listing on a technology exchange");
        await Assertions.Expect(manager.Locator("[data-testid=countdown]")).ToBeVisibleAsync();
        foreach (var party in new[] { "Hangzhou Photonics Co.", "Ningbo Optics Ltd." })
        {
            await UiHost.Input(manager, "party-name").FillAsync(party);
            await manager.Locator("[data-testid=party-submit]").ClickAsync();
            await Assertions.Expect(manager.Locator("[data-testid=parties]")).ToContainTextAsync(party);
        }
        await Assertions.Expect(manager.Locator("[data-testid=party-row]")).ToHaveCountAsync(2);
        await UiHost.ScreenshotAsync(manager, "pricing-listing-en");

        // The window ends; two parties: the case's screen moves on to the auction by itself.
        host.Pass(UiHost.ListingWindow);
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("Auction");
        await Assertions.Expect(manager.Locator("[data-testid=countdown]")).ToBeVisibleAsync();
        async Task BidAsync(string bidder, string amount)
        {
            await UiHost.Input(manager, "bid-bidder").FillAsync(bidder);
            await UiHost.Input(manager, "bid-amount").FillAsync(amount);
            await manager.Locator("[data-testid=bid-submit]").ClickAsync();
        }
        await BidAsync("Hangzhou Photonics Co.", "150000");
        await Assertions.Expect(manager.Locator("[data-testid=bid-valid]")).ToHaveCountAsync(1);
        await BidAsync("Ningbo Optics Ltd.", "180000");
        await Assertions.Expect(manager.Locator("[data-testid=bid-valid]")).ToHaveCountAsync(2);
        await BidAsync("Hangzhou Photonics Co.", "50000");
        await Assertions.Expect(manager.Locator("[data-testid=bid-invalid]")).ToHaveCountAsync(1);
        await Assertions.Expect(manager.Locator("[data-testid=bid-invalid-reason]")).ToContainTextAsync("below the reserve");
        await UiHost.ScreenshotAsync(manager, "pricing-auction-en");

        // When the auction closes the result shows: the highest valid bid.
        host.Pass(UiHost.AuctionWindow);
        await Assertions.Expect(manager.Locator("[data-testid=pricing-status]")).ToHaveTextAsync("Concluded");
        await Assertions.Expect(manager.Locator("[data-testid=result-counterparty]")).ToContainTextAsync("Ningbo Optics Ltd.");
        await Assertions.Expect(manager.Locator("[data-testid=result-price]")).ToContainTextAsync("180,000.00");
        await UiHost.ScreenshotAsync(manager, "pricing-auction-result-en");
        await manager.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("拍卖");
        await Assertions.Expect(manager.Locator("[data-testid=bid-invalid-reason]")).ToContainTextAsync("低于保留价");
        await UiHost.ScreenshotAsync(manager, "pricing-auction-result-zh-CN");
        await manager.Locator("[data-testid=pricing-record-listing]").ClickAsync();
        await Assertions.Expect(manager.Locator("h1")).ToHaveTextAsync("挂牌交易");
        await UiHost.ScreenshotAsync(manager, "pricing-listing-zh-CN");
        Assert.NotEqual(listing, await c.PricingAsync(host, "auction"));
    }

}
