using System.Text.Json;
using Microsoft.Playwright;

namespace WorkflowHost.UiTests;

/// <summary>
/// axe-core (the engine behind browsers' own accessibility audits) run in the page against WCAG 2.1 A and AA.
/// It is a development dependency of ClientApp (npm), installed by the host's build and never served by the host.
/// Every screenshot the tests take audits its page too (<see cref="UiHost.ScreenshotAsync"/>).
/// </summary>
public static class AxeAudit
{
    private static string Script => Path.Combine(UiHost.RepositoryRoot, "src", "WorkflowHost", "ClientApp", "node_modules", "axe-core", "axe.min.js");

    private static string? _scriptText;

    private static async Task<string> ScriptTextAsync() => _scriptText ??= await File.ReadAllTextAsync(Script) + "\n;window.axe = axe; undefined";

    /// <summary>The serious and critical violations on the page as it is now, one line each with up to four of the elements.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, as a console would: a <script> tag would be an inline script, which the
        // pages' Content-Security-Policy (script-src 'self') rightly refuses.
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'")) await page.EvaluateAsync(await ScriptTextAsync());
        // The page at rest: the pointer off the last clicked button and its ripple (a half-second CSS animation) run out.
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync("() => document.getAnimations().forEach(a => { try { a.finish(); } catch { /* an endless one, e.g. a spinner */ } })");
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
                // Drawn by the bpmn.io libraries (the BPMN canvas, the modeler's properties panel, form-js's editor and
                // its watermark): their authors' markup, not ours. Forms rendered for tasks are audited.
                exclude: [['.djs-container'], ['.bjs-powered-by'], ['.bio-properties-panel'], ['.fjs-editor-container'], ['.fjs-powered-by']],
              });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 4).map(n => {
                    const contrast = n.any.find(c => c.data && c.data.contrastRatio);
                    return n.target.join(' ') + ' ' + n.html.slice(0, 160)
                      + (contrast ? ` (${contrast.data.fgColor} on ${contrast.data.bgColor}: ${contrast.data.contrastRatio}:1)` : '');
                  }) }));
            }
            """);
        return violations.EnumerateArray()
            .Select(v => $"{v.GetProperty("id")} [{v.GetProperty("impact")}] {v.GetProperty("help")} at "
                         + string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString())))
            .ToList();
    }

    /// <summary>Fails the test with every violation when there is any.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string where)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"Accessibility problems on {where} ({page.Url}):\n  " + string.Join("\n  ", violations));
    }
}
