using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// A trial host says so on every page, before and after sign-in, in the reader's language: nobody mistakes its
/// one-person decisions for real ones. (A host without trial mode shows no banner: every other class's screenshots.)
/// </summary>
[Collection(UiCollection.Name)]
public sealed class TrialModeTests(TrialUiHost fixture, ITestOutputHelper output) : IClassFixture<TrialUiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task Every_page_of_a_trial_host_shows_the_trial_banner_in_both_languages()
    {
        // Before sign-in, in the browser's language.
        foreach (var (locale, text) in new[] { ("en-US", "Trial mode:"), ("zh-CN", "演示模式：") })
        {
            var context = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseUrl, Locale = locale });
            await context.AddInitScriptAsync(UiHost.CspRecorder);
            var login = await context.NewPageAsync();
            await login.GotoAsync("account/login");
            await Assertions.Expect(login.Locator("[data-testid=trial-banner]")).ToContainTextAsync(text);
            await UiHost.ScreenshotAsync(login, $"trial-sign-in-{locale}");
            await context.CloseAsync();
        }

        // After sign-in, on every main page, in the user's own language.
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        foreach (var path in new[] { "", "tasks", "inventions", "admin/users", "designer" })
        {
            await host.GotoAsync(page, path);
            await Assertions.Expect(page.Locator("[data-testid=trial-banner]")).ToContainTextAsync("Trial mode:");
        }
        await UiHost.ScreenshotAsync(page, "trial-designer-en");
        await page.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=trial-banner]")).ToContainTextAsync("演示模式：");
        await UiHost.ScreenshotAsync(page, "trial-designer-zh-CN");
    }
}
