using System.Text;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The main pages checked with axe-core (<see cref="AxeAudit"/>) against WCAG 2.1 A and AA, in both languages, on a
/// laptop, on a tablet held upright and on a phone (390 x 844): no serious or critical violation, and nothing wider than
/// the screen. (Every screenshot of the other tests audits its page as well.)
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AccessibilityTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    /// <summary>What each page must show before it is audited (a loaded page, not its loading state).</summary>
    private static readonly (string Url, string Ready)[] AdministratorPages =
    [
        ("", "h1"),
        ("account", "h1"),
        ("tasks", "[data-testid=inbox]"), // the filters fold away on a phone
        ("designer", "h1"),
        ("designer/forms", "h1"),
        ("operations/instances", "h1"),
        ("admin", "[data-testid=dashboard-per-stage]"),
        ("admin/committees", "h1"),
        ("admin/users", "[data-testid=user-list] tbody tr"), // last: the tablet screenshot shows it
    ];

    private static readonly (string Url, string Ready)[] InventorPages =
    [
        ("", "h1"),
        ("inventions", "h1"),
        ("inventions/new", "h1"),
        ("account", "h1"),
    ];

    /// <summary>A committee member, like an inventor, is likely to open the product on a phone.</summary>
    private static readonly (string Url, string Ready)[] CommitteeMemberPages =
    [
        ("", "h1"),
        ("tasks", "[data-testid=inbox]"),
        ("inventions", "h1"),
    ];

    [Theory]
    [InlineData("en", 1400, 900)]
    [InlineData("zh-CN", 768, 1024)]
    [InlineData("zh-CN", 390, 844)]
    public async Task The_main_pages_pass_an_accessibility_audit_and_fit_the_screen(string language, int width, int height)
    {
        var administrator = $"a11y-admin-{Guid.NewGuid().ToString("N")[..8]}@ui-tests.example.org";
        await host.CreateUserAsync(administrator, "Audit Administrator", language, "system-administrator", "workflow-administrator", "technology-manager");
        var inventor = $"a11y-inventor-{Guid.NewGuid().ToString("N")[..8]}@ui-tests.example.org";
        await host.CreateUserAsync(inventor, "Audit Inventor", language, "inventor");

        var problems = new StringBuilder();
        await AuditAsync(administrator, AdministratorPages, language, width, height, problems);
        await AuditAsync(inventor, InventorPages, language, width, height, problems);
        var member = $"a11y-member-{Guid.NewGuid().ToString("N")[..8]}@ui-tests.example.org";
        await host.CreateUserAsync(member, "Audit Member", language, "committee-member");
        await AuditAsync(member, CommitteeMemberPages, language, width, height, problems);
        Assert.True(problems.Length == 0, "Accessibility problems:\n" + problems);
    }

    private async Task AuditAsync(string email, (string Url, string Ready)[] pages, string language, int width, int height, StringBuilder problems)
    {
        var page = await host.SignInAsync(email, UiHost.UserPassword);
        await page.SetViewportSizeAsync(width, height);
        foreach (var (url, ready) in pages)
        {
            await host.GotoAsync(page, url);
            await page.Locator(ready).First.WaitForAsync();
            foreach (var violation in await AxeAudit.ViolationsAsync(page))
                problems.AppendLine($"  /{url} ({language}, {width}x{height}): {violation}");

            // A tablet or a phone shows the whole page without scrolling sideways.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 1) problems.AppendLine($"  /{url} ({language}, {width}x{height}): the page is {overflow}px wider than the screen");
        }
        // The last page as the tablet or laptop shows it (its audit is above, with the others').
        Directory.CreateDirectory(UiHost.ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(UiHost.ScreenshotFolder, $"audit-{email.Split('-')[1]}-{language}-{width}x{height}.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
