using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowHost.Tests.Security;

/// <summary>
/// Every response carries the security headers (pages, API answers, errors, static files), the Content-Security-Policy
/// admits only the site's own scripts, and HSTS is sent in Production over HTTPS. (The missing Server header is a
/// Kestrel matter: <see cref="Startup.ReadmeRunCommandTests"/> checks it on a real listener.)
/// </summary>
public sealed class SecurityHeadersTests
{
    [Fact]
    public async Task Every_response_carries_nosniff_the_referrer_policy_no_framing_and_a_policy_admitting_only_our_scripts()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        using var admin = await host.SignInAsAdminAsync();
        using var anonymous = host.CreateClient();
        var responses = new List<(string What, HttpResponseMessage Response)>
        {
            ("sign-in page", await anonymous.GetAsync("/account/login")),
            ("a page that redirects to sign-in", await anonymous.GetAsync("/tasks")),
            ("style sheet", await anonymous.GetAsync("/css/app.css")),
            ("a script of ours", await anonymous.GetAsync("/js/assets.js")),
            ("API without credentials (401)", await anonymous.GetAsync("/api/v1/me")),
            ("API answer", await admin.GetAsync("/api/v1/me")),
            ("unknown API path (404)", await admin.GetAsync("/api/v1/no-such-thing")),
            ("malformed JSON (400)", await admin.PostAsync("/api/v1/users", new StringContent("{\"email\":", Encoding.UTF8, "application/json"))),
            ("health", await anonymous.GetAsync("/health")),
            ("a page over https outside Production", await host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tt.example.edu") })
                .GetAsync("/account/login")),
        };
        foreach (var (what, response) in responses)
        {
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{what}: nosniff");
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "same-origin", $"{what}: Referrer-Policy");
            Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frames) && frames.Single() == "DENY", $"{what}: X-Frame-Options");
            Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: Content-Security-Policy");
            var directives = csp!.Single().Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
            Assert.Equal("default-src 'self'", directives["default-src"]);
            Assert.Equal("script-src 'self'", directives["script-src"]); // no inline script, no eval, no other host
            Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
            Assert.Equal("object-src 'none'", directives["object-src"]);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), $"{what}: HSTS outside Production");
        }
        // The API explorer's package starts with an inline script: only there inline scripts run, still from this site only.
        using var scalar = await anonymous.GetAsync("/scalar/");
        Assert.Contains("script-src 'self' 'unsafe-inline'", scalar.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", scalar.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Hsts_is_sent_in_Production_over_https_only()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var production = new HostFactory(data, workflows) { EnvironmentName = "Production" };
        using var https = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tt.example.edu") });
        using var overHttps = await https.GetAsync("/account/login");
        Assert.Equal("max-age=31536000", overHttps.Headers.GetValues("Strict-Transport-Security").Single());
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://tt.example.edu") });
        Assert.False((await http.GetAsync("/account/login")).Headers.Contains("Strict-Transport-Security"));
        // (Outside Production no HSTS even over https: the test above.)
    }
}
