using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace WorkflowHost.Tests.Security;

/// <summary>
/// Forwarded headers are read only from the proxies and networks the configuration names (none by default), and the
/// sign-in and antiforgery cookies are Secure whenever the public scheme is HTTPS: at Kestrel, or behind a TLS-terminating
/// proxy that says so; the sign-in cookie also whenever the configured public address is https.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.0.0.5";

    private static HostFactory Host(IReadOnlyDictionary<string, string>? settings = null)
    {
        var (data, workflows) = HostFactory.NewFolders();
        return new HostFactory(data, workflows, settings, TestClientAddress.Register);
    }

    /// <summary>The Set-Cookie headers of a cookie sign-in and of the sign-in page (its form's antiforgery cookie).</summary>
    private static async Task<(string Auth, string Antiforgery)> CookiesAsync(HostFactory host, string baseAddress, string from, bool forwardedHttps)
    {
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), HandleCookies = false, AllowAutoRedirect = false });
        void Headers(HttpRequestMessage request)
        {
            request.Headers.Add(TestClientAddress.Header, from);
            if (!forwardedHttps) return;
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Host", "tt.example.edu");
        }
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login?useCookies=true")
        {
            Content = JsonContent.Create(new { email = TestUsers.AdminEmail, password = TestUsers.AdminPassword }),
        };
        Headers(login);
        using var signedIn = await client.SendAsync(login);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        Headers(page);
        using var form = await client.SendAsync(page);
        return (signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflowhost.auth=", StringComparison.Ordinal)),
            form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflowhost.antiforgery=", StringComparison.Ordinal)));
    }

    private static bool Secure(string setCookie) => setCookie.Split(';', StringSplitOptions.TrimEntries).Contains("secure", StringComparer.OrdinalIgnoreCase);

    [Fact]
    public async Task By_default_no_forwarded_header_is_read_so_only_https_itself_makes_the_cookies_secure()
    {
        await using var host = Host();
        var (auth, antiforgery) = await CookiesAsync(host, "http://localhost", Proxy, forwardedHttps: true);
        Assert.False(Secure(auth));
        Assert.False(Secure(antiforgery));

        var direct = await CookiesAsync(host, "https://localhost", Proxy, forwardedHttps: false);
        Assert.True(Secure(direct.Auth));
        Assert.True(Secure(direct.Antiforgery));
    }

    [Fact]
    public async Task Behind_a_configured_tls_terminating_proxy_the_cookies_are_secure_and_only_that_proxy_is_believed()
    {
        await using var host = Host(new Dictionary<string, string>
        {
            ["ForwardedHeaders:KnownProxies:0"] = Proxy,
            ["ForwardedHeaders:KnownNetworks:0"] = "10.8.0.0/16",
        });
        var fromProxy = await CookiesAsync(host, "http://localhost", Proxy, forwardedHttps: true);
        Assert.True(Secure(fromProxy.Auth));
        Assert.True(Secure(fromProxy.Antiforgery));
        var fromNetwork = await CookiesAsync(host, "http://localhost", "10.8.3.4", forwardedHttps: true);
        Assert.True(Secure(fromNetwork.Auth));

        var fromElsewhere = await CookiesAsync(host, "http://localhost", "10.9.9.9", forwardedHttps: true);
        Assert.False(Secure(fromElsewhere.Auth));
        Assert.False(Secure(fromElsewhere.Antiforgery));
        var plainFromProxy = await CookiesAsync(host, "http://localhost", Proxy, forwardedHttps: false);
        Assert.False(Secure(plainFromProxy.Auth));
    }

    [Fact]
    public async Task With_an_https_public_address_the_sign_in_cookie_is_secure_even_behind_an_unconfigured_proxy()
    {
        await using var host = Host(new Dictionary<string, string> { ["Email:BaseUrl"] = "https://tt.example.edu" });
        var unconfiguredProxy = await CookiesAsync(host, "http://localhost", Proxy, forwardedHttps: false);
        Assert.True(Secure(unconfiguredProxy.Auth));
    }

    [Fact]
    public void A_proxy_that_is_no_address_stops_start_up_naming_the_key()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder();
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(configuration,
            new Dictionary<string, string?> { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" });
        var refused = Assert.Throws<InvalidOperationException>(() => Composition.WebProtectionComposition.TrustedProxies(configuration.Build()));
        Assert.Contains("ForwardedHeaders:KnownNetworks:0", refused.Message);
    }
}
