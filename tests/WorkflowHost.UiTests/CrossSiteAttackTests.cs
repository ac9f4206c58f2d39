using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The attack as a browser makes it: the administrator is signed in at app.example.test, and a page on the sibling
/// sub-domain evil.example.test (same site, so Chromium sends the SameSite=Lax cookie along) posts to the API, posts the
/// sign-out form and opens the Blazor circuit's WebSocket. Each is refused and changes nothing; the administrator's own
/// pages on app.example.test go on working, their scripts' calls included.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CrossSiteAttackTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task A_page_on_a_sibling_sub_domain_cannot_lock_a_user_sign_out_or_open_the_signed_in_administrators_circuit()
    {
        var port = new Uri(host.BaseUrl).Port;
        var app = $"http://app.{UiHost.SiteDomain}:{port}/";
        var victim = await host.CreateUserAsync("victim@ui-tests.example.org", "Victim", "en", "inventor");
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword, app);

        // The attacker's page, served by a server of its own on the sibling sub-domain (a loopback address too, as the
        // host's: Chromium's local-network checks would otherwise stop the requests before they reach the host).
        await using var attacker = AttackerSite.Start("<!doctype html><title>Cute cats</title><p>cats</p>");
        await page.GotoAsync($"http://evil.{UiHost.SiteDomain}:{attacker.Port}/");
        var attack = await page.EvaluateAsync<JsonElement>("""
            async ({ app, victim }) => {
              const post = (path, init) => fetch(app + path, { method: 'POST', credentials: 'include', mode: 'no-cors', ...init })
                .then(r => r.type, e => 'error ' + e);
              const lock = await post('api/v1/users/' + victim + '/lock');
              const logout = await post('account/logout', { body: new URLSearchParams({ returnUrl: '' }) });
              const circuit = await new Promise(resolve => {
                const socket = new WebSocket(app.replace('http:', 'ws:') + '_blazor');
                socket.onopen = () => { socket.close(); resolve('open'); };
                socket.onerror = () => resolve('refused');
              });
              return { lock, logout, circuit };
            }
            """, new { app, victim });
        Assert.Equal("refused", attack.GetProperty("circuit").GetString());

        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var user = await api.GetFromJsonAsync<JsonElement>($"api/v1/users/{victim}");
        Assert.False(user.GetProperty("locked").GetBoolean(), $"the sibling sub-domain locked the user ({attack})");
        // The request reached the host with the cookie and was refused there (not stopped by the browser).
        Assert.Contains(host.Log.Split('\n'), l => l.Contains("Refused POST /api/v1/users/") && l.Contains("evil." + UiHost.SiteDomain));
        Assert.Contains(host.Log.Split('\n'), l => l.Contains("Refused GET /_blazor") && l.Contains("evil." + UiHost.SiteDomain));

        // The administrator is still signed in, and their own page's call with the proof works.
        await host.GotoAsync(page, app + "admin/users");
        await Assertions.Expect(page.Locator("[data-testid=signed-in-user]")).ToBeVisibleAsync();
        var own = await page.EvaluateAsync<int>("""
            async victim => (await fetch('api/v1/users/' + victim + '/lock', { method: 'POST', headers: { 'X-Requested-With': 'WorkflowHost' } })).status
            """, victim);
        Assert.Equal(200, own);
        Assert.True((await api.GetFromJsonAsync<JsonElement>($"api/v1/users/{victim}")).GetProperty("locked").GetBoolean());
        await UiHost.ScreenshotAsync(page, "cross-site-own-page-en");
    }
}
