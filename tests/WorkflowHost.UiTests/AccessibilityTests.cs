using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The main pages checked with axe-core (the accessibility engine browsers' own audits use) against WCAG 2.1 A and AA,
/// in both languages, on a laptop and on a tablet held upright: no serious or critical violation, and nothing wider
/// than the screen. axe-core is a development dependency of ClientApp (npm), never served by the host.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AccessibilityTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    private static string AxeScript => Path.Combine(UiHost.RepositoryRoot, "src", "WorkflowHost", "ClientApp", "node_modules", "axe-core", "axe.min.js");

    /// <summary>What each page must show before it is audited (a loaded page, not its loading state).</summary>
    private static readonly (string Url, string Ready)[] AdministratorPages =
    [
        ("", "h1"),
        ("tasks", "[data-testid=filter-apply]"),
        ("designer", "h1"),
        ("designer/forms", "h1"),
        ("operations/instances", "h1"),
        ("admin", "[data-testid=dashboard-per-stage]"),
        ("admin/users", "[data-testid=user-list] tbody tr"),
        ("admin/committees", "h1"),
        ("account", "h1"),
    ];

    private static readonly (string Url, string Ready)[] InventorPages =
    [
        ("", "h1"),
        ("inventions", "h1"),
        ("inventions/new", "h1"),
        ("account", "h1"),
    ];

    [Theory]
    [InlineData("en", 1400, 900)]
    [InlineData("zh-CN", 768, 1024)]
    public async Task The_main_pages_pass_an_accessibility_audit_and_fit_the_screen(string language, int width, int height)
    {
        var administrator = $"a11y-admin-{Guid.NewGuid().ToString("N")[..8]}@ui-tests.example.org";
        await host.CreateUserAsync(administrator, "Audit Administrator", language, "system-administrator", "workflow-administrator", "technology-manager");
        var inventor = $"a11y-inventor-{Guid.NewGuid().ToString("N")[..8]}@ui-tests.example.org";
        await host.CreateUserAsync(inventor, "Audit Inventor", language, "inventor");

        var problems = new StringBuilder();
        await AuditAsync(administrator, AdministratorPages, language, width, height, problems);
        await AuditAsync(inventor, InventorPages, language, width, height, problems);
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
            await page.AddScriptTagAsync(new() { Path = AxeScript });
            var violations = await page.EvaluateAsync<JsonElement>("""
                async () => {
                  const result = await axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                    // Drawn by bpmn-js (its own SVG canvas and watermark), audited by its authors, not by us.
                    exclude: [['.djs-container'], ['.bjs-powered-by']],
                  });
                  return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160)) }));
                }
                """);
            foreach (var v in violations.EnumerateArray())
                problems.AppendLine($"  /{url} ({language}, {width}x{height}): {v.GetProperty("id")} [{v.GetProperty("impact")}] {v.GetProperty("help")} at "
                                    + string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())));

            // A tablet shows the whole page without scrolling sideways.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            if (overflow > 1) problems.AppendLine($"  /{url} ({language}, {width}x{height}): the page is {overflow}px wider than the screen");
        }
        await UiHost.ScreenshotAsync(page, $"audit-{(email.Contains("inventor") ? "inventor" : "admin")}-{language}-{width}x{height}");
        await page.Context.CloseAsync();
    }
}
