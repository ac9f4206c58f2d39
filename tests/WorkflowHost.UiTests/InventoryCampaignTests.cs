using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The inventory campaign in Chromium, in Chinese: the office opens a campaign on its page; the inventor grades the patent
/// in the inbox (价值分级自评), the office reviews it for the college (which has no reviewer group) and for the university,
/// and the patent is in the transferable-resource pool, counted on the campaign page.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class InventoryCampaignTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task An_office_opens_a_campaign_the_inventor_grades_and_the_reviewed_patent_is_in_the_pool()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var college = $"盘点学院{unique}";
        var inventor = $"周明{unique}";
        await host.CreateUserAsync($"ui-campaign-office-{unique}@example.edu", "技术经理", "zh-CN", "technology-manager");
        await host.CreateUserAsync($"ui-campaign-inventor-{unique}@example.edu", inventor, "zh-CN", "inventor");
        var digits = $"20191{Random.Shared.Next(1_000_000, 9_999_999)}";
        var number = $"ZL{digits}.{SamplePortfolio.CheckCharacter(digits)}";
        using (var office = await host.ApiAsAsync($"ui-campaign-office-{unique}@example.edu", UiHost.UserPassword))
        {
            var csv = SamplePortfolio.Csv([[number, "一种锂电池负极材料的制备方法", "发明", "2019-03-01", "2021-05-10", "有效", inventor, SamplePortfolio.Holder,
                "H01M 4/38", college, "否", "", "", "0", "0"]]);
            using var form = new MultipartFormDataContent { { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "台账.csv" } };
            (await office.PostAsync("api/v1/portfolio/imports/commit", form)).EnsureSuccessStatusCode();
        }

        // The office opens the campaign on its page (the deadlines come filled in: 30 and 90 days on).
        var page = await host.SignInAsync($"ui-campaign-office-{unique}@example.edu", UiHost.UserPassword);
        await host.GotoAsync(page, "portfolio/campaigns");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("存量专利盘点");
        await UiHost.Input(page, "campaign-title").FillAsync($"{college}专项盘点");
        await page.Locator("[data-testid=campaign-college]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasTextString = college }).ClickAsync();
        await page.Locator("[data-testid=campaign-open]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=campaign-opened]")).ToContainTextAsync("已纳入 1 件专利");

        // The inventor grades it in the inbox, in Chinese.
        var inventorPage = await host.SignInAsync($"ui-campaign-inventor-{unique}@example.edu", UiHost.UserPassword);
        var form1 = await OpenTaskAsync(inventorPage, $"ui-campaign-inventor-{unique}@example.edu", number, "Task_Grade");
        await form1.NumberAsync("技术成熟度", 5);
        await form1.NumberAsync("市场需求", 4);
        await form1.NumberAsync("法律稳定性", 4);
        await form1.NumberAsync("应用范围", 4);
        await form1.SelectAsync("拟转化方式", "许可");
        await form1.TextAsync("联系人（姓名及电话或邮箱）", $"{inventor} 13800000000");
        await UiHost.ScreenshotAsync(inventorPage, "campaign-grading-zh-CN");
        await CompleteAsync(inventorPage);

        // The office reviews it for the college, then for the university.
        var review = await OpenTaskAsync(page, $"ui-campaign-office-{unique}@example.edu", number, "Task_CollegeReview");
        await review.ChooseAsync("同意");
        await CompleteAsync(page);
        review = await OpenTaskAsync(page, $"ui-campaign-office-{unique}@example.edu", number, "Task_UniversityReview");
        await review.ChooseAsync("同意");
        await CompleteAsync(page);

        // In the pool, with its tier and route; counted on the campaign page.
        await host.GotoAsync(page, "portfolio/pool");
        await UiHost.Input(page, "pool-search").FillAsync(number);
        await Assertions.Expect(page.Locator("[data-testid=pool-number]")).ToHaveTextAsync(number);
        await Assertions.Expect(page.Locator("[data-testid=pool-tier]")).ToHaveTextAsync("A");
        await Assertions.Expect(page.Locator("[data-testid=pool-route-value]")).ToHaveTextAsync("许可");
        await host.GotoAsync(page, "portfolio/campaigns");
        var campaign = page.Locator("[data-testid=campaign]", new() { HasTextString = $"{college}专项盘点" });
        await Assertions.Expect(campaign.Locator("[data-testid=campaign-pooled]").First).ToHaveTextAsync("1");
        await UiHost.ScreenshotAsync(page, "campaign-progress-zh-CN");
        await page.Context.CloseAsync();
        await inventorPage.Context.CloseAsync();
    }

    /// <summary>Opens the patent's task from the inbox once the process has got there, and waits for its form.</summary>
    private async Task<FormJs> OpenTaskAsync(IPage page, string email, string number, string elementId)
    {
        using (var api = await host.ApiAsAsync(email, UiHost.UserPassword))
            await UiHost.WaitForTaskAsync(api, number, elementId);
        await host.GotoAsync(page, "tasks?search=" + Uri.EscapeDataString(number));
        await page.Locator($"[data-testid=task-link-{elementId}]").First.ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        var form = new FormJs(page);
        await form.WaitAsync();
        return form;
    }

    private static async Task CompleteAsync(IPage page)
    {
        await page.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
    }
}
