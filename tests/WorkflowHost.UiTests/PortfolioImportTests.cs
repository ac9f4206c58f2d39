using Microsoft.Playwright;
using Workflows.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The portfolio import in Chromium, in Chinese, by a technology manager: a register with an error row is previewed with
/// the problem by row and column and cannot be committed; the corrected register is previewed, committed, and its patents
/// are in the portfolio.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class PortfolioImportTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task An_office_previews_a_register_sees_its_error_row_then_commits_the_corrected_one()
    {
        await host.CreateUserAsync("ui-portfolio@example.edu", "技术经理", "zh-CN", "technology-manager");
        var page = await host.SignInAsync("ui-portfolio@example.edu", UiHost.UserPassword);
        var rows = SamplePortfolio.Rows(3, seed: 2026);
        var broken = rows.Select(r => (string[])r.Clone()).ToList();
        broken[1][3] = "2020-02-30"; // no such day: row 3 of the file, the filing date column

        await host.GotoAsync(page, "portfolio");
        await page.Locator("[data-testid=portfolio-import]").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("批量导入专利");
        await page.Locator("input[type=file]").SetInputFilesAsync(Csv("台账.csv", broken));
        await Assertions.Expect(page.Locator("[data-testid=portfolio-import-summary]")).ToContainTextAsync("共 3 行");
        await Assertions.Expect(page.Locator("[data-testid=portfolio-import-blocked]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=portfolio-import-commit]")).ToHaveCountAsync(0);
        var problem = page.Locator("[data-testid=portfolio-import-problems] tbody tr").Filter(new() { HasText = "2020-02-30" });
        await Assertions.Expect(problem.Locator("[data-testid=problem-row]")).ToHaveTextAsync("3");
        await Assertions.Expect(problem.Locator("[data-testid=problem-column]")).ToHaveTextAsync("申请日");
        // The finding's sentence is the reader's language too, not English under a Chinese label.
        await Assertions.Expect(problem.Locator("[data-testid=problem-text]")).ToContainTextAsync("“2020-02-30”不是日期");
        await UiHost.ScreenshotAsync(page, "portfolio-import-preview-zh-CN");

        await page.Locator("input[type=file]").SetInputFilesAsync(Csv("台账（改正）.csv", rows));
        await Assertions.Expect(page.Locator("[data-testid=portfolio-import-summary]")).ToContainTextAsync("新增 3");
        await page.Locator("[data-testid=portfolio-import-commit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=portfolio-import-done]")).ToContainTextAsync("新增 3 件");

        await host.GotoAsync(page, "portfolio");
        await UiHost.Input(page, "portfolio-search").FillAsync(rows[0][0]);
        await Assertions.Expect(page.Locator("[data-testid=portfolio-number]")).ToHaveCountAsync(1); // the search applies after its debounce
        await Assertions.Expect(page.Locator("[data-testid=portfolio-number]")).ToHaveTextAsync(rows[0][0]);
        await Assertions.Expect(page.Locator("[data-testid=portfolio-patents]")).ToContainTextAsync(rows[0][1]);
        await page.Context.CloseAsync();
    }

    private static FilePayload Csv(string name, IEnumerable<string[]> rows) =>
        new() { Name = name, MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(SamplePortfolio.Csv(rows)) };
}
