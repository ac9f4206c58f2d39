using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The committee room in Chromium: the conflict-of-interest declaration before the vote, the vote with a reason, the
/// tally hidden until the chair closes, the chair's close with minutes and attendance. The case is brought to the
/// committee through the REST API; what is under test happens in the browser.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CommitteeRoomTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    private static JsonObject ListingFile() => new()
    {
        ["pricingMethod"] = "listing", ["reviewSubject"] = "Exclusive licence by listing on the exchange",
        ["basePrice"] = 100000, ["valuation"] = 120000, ["valuationBasis"] = "Income approach, 5 years of royalties",
    };

    [Fact]
    public async Task Member_who_declares_a_conflict_cannot_vote()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-room-conflict", ListingFile());

        var page = await host.SignInAsync(c.Member1Email, UiHost.UserPassword);
        await page.Locator("[data-testid=nav-committee]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=reviews]")).ToContainTextAsync(c.CaseNumber);
        await Assertions.Expect(page.Locator($"[data-testid='review-todo-{c.CaseNumber}']")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "reviews-en");
        await page.Locator($"[data-testid='review-link-{c.CaseNumber}']").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);

        // The case file: the invention, the transfer file and the attachment to download.
        await Assertions.Expect(page.Locator("[data-testid=case-file]")).ToContainTextAsync("Low-loss silicon photonic waveguide");
        await Assertions.Expect(page.Locator("[data-testid=transfer-method]")).ToHaveTextAsync("Listing on a technology exchange");
        await Assertions.Expect(page.Locator("[data-testid=transfer-base-price]")).ToContainTextAsync("100,000.00");
        await Assertions.Expect(page.Locator("[data-testid=attachment-link]")).ToHaveTextAsync("measurements.txt");

        // The vote opens only after the conflict statement: before it, its controls are disabled.
        await Assertions.Expect(page.Locator("[data-testid=vote-submit]")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=vote-disabled-reason]")).ToBeVisibleAsync();

        await page.Locator("[data-testid=conflict-declare]").ClickAsync();
        await UiHost.Input(page, "conflict-statement").FillAsync("My brother-in-law runs one of the bidders, Hangzhou Photonics Co.");
        await page.Locator("[data-testid=conflict-submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=recused-notice]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=vote-submit]")).ToBeDisabledAsync();
        await Assertions.Expect(UiHost.Input(page, "vote-reason")).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("[data-testid=vote-disabled-reason]")).ToContainTextAsync("recused");
        await Assertions.Expect(page.Locator("[data-testid=conflict-section]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=tally-hidden]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "committee-room-recused-en");

        // The API refuses the recused member's vote too.
        using var api = await host.ApiAsAsync(c.Member1Email, UiHost.UserPassword);
        var vote = await api.PostAsJsonAsync($"api/v1/reviews/{c.ReviewId}/vote", new { vote = "approve", reason = "Trying anyway." });
        Assert.Equal(HttpStatusCode.Forbidden, vote.StatusCode);
        Assert.Contains("recused", await vote.Content.ReadAsStringAsync());
        var review = await api.GetFromJsonAsync<JsonObject>($"api/v1/reviews/{c.ReviewId}");
        Assert.Contains(c.Member1Id, review!["recused"]!.AsArray().Select(r => r!.GetValue<string>()));

        // The same room in Chinese.
        await page.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("委员会审议");
        await Assertions.Expect(page.Locator("[data-testid=recused-notice]")).ToContainTextAsync("回避");
        await UiHost.ScreenshotAsync(page, "committee-room-recused-zh-CN");
        await host.GotoAsync(page, "reviews");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("委员会审议");
        await UiHost.ScreenshotAsync(page, "reviews-zh-CN");
    }

    [Fact]
    public async Task Chair_closes_the_vote_and_the_tally_appears_only_then()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-room-close", ListingFile(), memberLanguage: "zh-CN");

        // Member 1 states no conflict, votes with a reason, sees their own vote and no tally.
        var member1 = await host.SignInAsync(c.Member1Email, UiHost.UserPassword);
        await host.GotoAsync(member1, $"reviews/case/{Uri.EscapeDataString(c.CaseNumber)}");
        await VoteAsync(member1, "approve", "Sound valuation; the exchange gives a fair price.");
        await Assertions.Expect(member1.Locator("[data-testid=my-vote]")).ToContainTextAsync("Approve");
        await Assertions.Expect(member1.Locator("[data-testid=tally-hidden]")).ToBeVisibleAsync();
        await Assertions.Expect(member1.Locator("[data-testid=votes]")).ToHaveCountAsync(0);
        await UiHost.ScreenshotAsync(member1, "committee-room-voted-en");

        // The chair cannot close yet: the 409 reason (ballots outstanding) is shown; no tally before the close.
        var chair = await host.SignInAsync(c.ChairEmail, UiHost.UserPassword);
        await host.GotoAsync(chair, $"reviews/{c.ReviewId}");
        await Assertions.Expect(chair.Locator("[data-testid=tally-hidden]")).ToBeVisibleAsync();
        await Assertions.Expect(chair.Locator("[data-testid=close-outstanding]")).ToBeVisibleAsync();
        await UiHost.Input(chair, "close-minutes").FillAsync("Too early.");
        await chair.Locator($"[data-testid='attendance-{c.ChairId}']").ClickAsync();
        await chair.Locator("[data-testid=close-submit]").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=action-error]")).ToContainTextAsync("cannot be closed yet");
        await Assertions.Expect(chair.Locator("[data-testid=votes]")).ToHaveCountAsync(0);

        // Member 2 (who reads Chinese) and the chair vote too.
        var member2 = await host.SignInAsync(c.Member2Email, UiHost.UserPassword);
        await host.GotoAsync(member2, $"reviews/{c.ReviewId}");
        await Assertions.Expect(member2.Locator("h1")).ToContainTextAsync("委员会审议");
        await UiHost.ScreenshotAsync(member2, "committee-room-zh-CN");
        await VoteAsync(member2, "reject", "价格偏低，建议提高挂牌底价。");
        await Assertions.Expect(member2.Locator("[data-testid=my-vote]")).ToContainTextAsync("不同意");
        await Assertions.Expect(member2.Locator("[data-testid=tally-hidden]")).ToBeVisibleAsync();

        await host.GotoAsync(chair, $"reviews/{c.ReviewId}");
        await VoteAsync(chair, "approve", "Agree with the file.");
        await Assertions.Expect(chair.Locator("[data-testid=tally-hidden]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(chair, "committee-room-en");

        // Every ballot is in: the chair closes with minutes and attendance; the outcome and the tally appear.
        using var chairApi = await host.ApiAsAsync(c.ChairEmail, UiHost.UserPassword);
        await CommitteeCase.WaitAsync("the chair's close step", async () =>
            (await chairApi.GetStringAsync($"api/v1/tasks?businessKey={Uri.EscapeDataString(c.CaseNumber)}")).Contains("Task_Close"));
        await host.GotoAsync(chair, $"reviews/{c.ReviewId}");
        await Assertions.Expect(chair.Locator("[data-testid=close-outstanding]")).ToHaveCountAsync(0);
        await UiHost.Input(chair, "close-minutes").FillAsync("Meeting of the committee: the file was presented and discussed; two votes to approve, one to reject.");
        foreach (var id in new[] { c.ChairId, c.Member1Id, c.Member2Id })
            await chair.Locator($"[data-testid='attendance-{id}']").ClickAsync();
        await chair.Locator("[data-testid=close-submit]").ClickAsync();

        await Assertions.Expect(chair.Locator("[data-testid=outcome]")).ToContainTextAsync("Approved");
        await Assertions.Expect(chair.Locator("[data-testid=tally]")).ToContainTextAsync("Approve 2 · Reject 1 · Abstain 0");
        await Assertions.Expect(chair.Locator("[data-testid=votes]")).ToContainTextAsync("价格偏低");
        await Assertions.Expect(chair.Locator("[data-testid=attendance]")).ToContainTextAsync("Member Sun");
        await Assertions.Expect(chair.Locator("[data-testid=close-panel]")).ToHaveCountAsync(0);
        await UiHost.ScreenshotAsync(chair, "committee-room-closed-en");

        // Members see the same tally after the close; the listing the approval opened is linked from the room.
        await host.GotoAsync(member2, $"reviews/{c.ReviewId}");
        await Assertions.Expect(member2.Locator("[data-testid=tally]")).ToContainTextAsync("同意 2 票");
        await Assertions.Expect(member2.Locator("[data-testid=pricing-link-listing]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(member2, "committee-room-closed-zh-CN");
    }

    [Fact]
    public async Task The_operations_page_shows_no_ballot_before_the_close_and_no_case_data_to_a_workflow_administrator()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-room-sealed", ListingFile());
        var secret = "Ballot-reason-" + Guid.NewGuid().ToString("N")[..12];
        using (var member1 = await host.ApiAsAsync(c.Member1Email, UiHost.UserPassword))
            await CommitteeCase.Json(await member1.PostAsJsonAsync($"api/v1/reviews/{c.ReviewId}/vote", new { vote = "approve", reason = secret }));
        using var manager = await host.ApiAsAsync(c.ManagerEmail, UiHost.UserPassword);
        async Task<string> InstanceOf(string process) =>
            (await manager.GetFromJsonAsync<JsonObject>($"api/v1/instances?processId={process}&businessKey={Uri.EscapeDataString(c.CaseNumber)}"))!
            ["items"]![0]!["id"]!.GetValue<string>();
        var committee = await InstanceOf("committee-review");
        var main = await InstanceOf("invention-transfer");

        // The office follows the vote on the committee's instance: the journal says that the member submitted, never what.
        var office = await host.SignInAsync(c.ManagerEmail, UiHost.UserPassword);
        await host.GotoAsync(office, $"operations/instances/{committee}");
        await Assertions.Expect(office.Locator("[data-testid='journal'] [data-event='TaskCompleted']").First).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await office.ContentAsync());
        await office.GetByRole(AriaRole.Tab, new() { Name = "Variables" }).ClickAsync();
        await Assertions.Expect(office.Locator("[data-testid=variables]")).ToContainTextAsync("reviewId");
        Assert.DoesNotContain(secret, await office.ContentAsync());
        await UiHost.ScreenshotAsync(office, "operations-ballot-sealed-en");

        // A workflow administrator sees where the case is and its journal, not its data.
        var email = $"ops-{Guid.NewGuid():N}@ui-tests.example.org";
        await host.CreateUserAsync(email, "Ops Admin", "en", "workflow-administrator");
        var admin = await host.SignInAsync(email, UiHost.UserPassword);
        await host.GotoAsync(admin, $"operations/instances/{main}");
        await Assertions.Expect(admin.Locator("[data-testid='journal'] [data-event='InstanceStarted']")).ToHaveCountAsync(1);
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Variables" }).ClickAsync();
        await Assertions.Expect(admin.Locator("[data-testid=variables-withheld]")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Locator("[data-testid=variables]")).ToHaveCountAsync(0);
        Assert.DoesNotContain(c.InventionId, await admin.ContentAsync());
        await UiHost.ScreenshotAsync(admin, "operations-case-withheld-en");
    }

    /// <summary>States "no conflict" (which opens the vote), picks the choice, gives the reason and casts the vote.</summary>
    private static async Task VoteAsync(IPage page, string choice, string reason)
    {
        await page.Locator("[data-testid=conflict-none]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=vote-submit]")).ToBeEnabledAsync();
        await page.Locator($"[data-testid=vote-{choice}]").ClickAsync();
        await UiHost.Input(page, "vote-reason").FillAsync(reason);
        await page.Locator("[data-testid=vote-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=my-vote]")).ToBeVisibleAsync();
    }
}
