using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The public notice board in Chromium, by someone who never signs in: the board in Chinese (the default), a running
/// notice with its text and hash, the same page in English by the language link, and an objection lodged with a
/// name and a contact through the form (anti-forgery included), which the office then finds on the pricing record.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class NoticeBoardTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task Anyone_reads_the_board_in_Chinese_and_English_and_objects_without_signing_in()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-board-notice", new JsonObject
        {
            ["pricingMethod"] = "agreement", ["reviewSubject"] = "Licence by agreement", ["price"] = 150000, ["counterparty"] = "Suzhou Lasers Ltd.",
            ["transferMethod"] = "exclusive licence", ["valuationBasis"] = "Cost approach",
        });
        await c.ApproveAsync(host);
        var notice = await c.PricingAsync(host, "agreement");

        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, Locale = "zh-CN" });
        await context.AddInitScriptAsync(UiHost.CspRecorder);
        var page = await context.NewPageAsync();
        await page.GotoAsync("board");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("公示栏");
        var item = page.Locator("[data-testid=board-current] [data-testid=board-item]").Filter(new() { HasText = c.CaseNumber });
        await Assertions.Expect(item).ToContainTextAsync("协议定价公示");
        await Assertions.Expect(item.Locator("[data-testid=board-item-status]")).ToHaveTextAsync("公示中");
        await UiHost.ScreenshotAsync(page, "notice-board-zh-CN");

        await item.Locator("[data-testid=board-item-link]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=board-text]")).ToContainTextAsync("拟交易对象：Suzhou Lasers Ltd.");
        await Assertions.Expect(page.Locator("[data-testid=board-text]")).ToContainTextAsync("拟定价格：人民币 150,000.00 元");
        await Assertions.Expect(page.Locator("[data-testid=board-hash]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{64}$"));

        // The same notice in English; an empty form is refused naming each field, then the objection is lodged.
        await page.Locator("[data-testid='board-language-en']").ClickAsync();
        await Assertions.Expect(page.Locator("#objection-title")).ToHaveTextAsync("Lodge an objection");
        await page.Locator("[data-testid=objection-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=error-name]")).ToHaveTextAsync("Fill in this field.");
        await Assertions.Expect(page.Locator("[data-testid=error-contact]")).ToBeVisibleAsync();
        await page.Locator("[data-testid=objection-name]").FillAsync("Wang Wu");
        await page.Locator("[data-testid=objection-contact]").FillAsync("wang.wu@example.com");
        await page.Locator("[data-testid=objection-text]").FillAsync("Suzhou Lasers is owned by an inventor's relative; the price should be listed.");
        await page.Locator("[data-testid=objection-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=objection-lodged]")).ToContainTextAsync("Your objection is recorded");
        await UiHost.ScreenshotAsync(page, "notice-board-objection-en");

        // The office finds it on the notice, with who lodged it and how to reach them.
        using var api = await host.ApiAsAsync(c.ManagerEmail, UiHost.UserPassword);
        var record = await api.GetFromJsonAsync<JsonObject>($"api/v1/pricing/{notice}");
        var objection = record!["objections"]![0]!;
        Assert.Equal(("Wang Wu", "wang.wu@example.com", "open"), (objection["objectorName"]!.GetValue<string>(), objection["objectorContact"]!.GetValue<string>(),
            objection["status"]!.GetValue<string>()));
        await context.CloseAsync();
    }
}
