using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WorkflowHost.Security;

namespace WorkflowHost.Composition;

/// <summary>
/// What protects the host at the HTTP level (doc/security.md): forwarded headers from configured proxies only, cookies
/// that are <c>Secure</c> whenever the public scheme is HTTPS, HSTS in Production, the security headers on every
/// response, no <c>Server</c> header, and the origin check for cookie-authenticated state changes and the Blazor circuit.
/// </summary>
public static class WebProtectionComposition
{
    public static IServiceCollection AddWebProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = TrustedProxies(configuration);
        services.AddSingleton(proxies);
        services.AddSingleton(OriginCheckOptions.From(configuration));
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false; // the office's site says nothing about its sibling sub-domains
        });

        // Secure whenever the public scheme is HTTPS: as the request came (HTTPS at Kestrel, or X-Forwarded-Proto: https
        // from a trusted proxy), and the sign-in cookies always when the public address (Email:BaseUrl) is https, even
        // behind a proxy nobody configured. (The antiforgery cookie follows the request only: ASP.NET Core refuses to
        // issue an always-Secure one on a request that came as http. It holds no session.)
        var secure = configuration["Email:BaseUrl"] is { } publicAddress && publicAddress.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? CookieSecurePolicy.Always
            : CookieSecurePolicy.SameAsRequest;
        services.ConfigureAll<CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "workflowhost.antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>First in the pipeline: the public scheme and host are known before anything reads them.</summary>
    public static WebApplication UseWebProtection(this WebApplication app)
    {
        var proxies = app.Services.GetRequiredService<ForwardedHeadersOptions>();
        if (proxies.KnownProxies.Count > 0 || proxies.KnownIPNetworks.Count > 0) app.UseForwardedHeaders(proxies);
        app.UseMiddleware<SecurityHeaders>();
        if (app.Environment.IsProduction()) app.UseHsts();
        app.UseMiddleware<RequestOriginCheck>();
        return app;
    }

    /// <summary>
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR): only requests
    /// from these have their X-Forwarded-For, -Proto and -Host read. Both empty (the default): no forwarded header is
    /// read at all, so nobody can claim to be HTTPS or another client by sending one.
    /// </summary>
    public static ForwardedHeadersOptions TrustedProxies(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1),
        };
        // Not the framework's defaults (loopback): only what the operator names.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren())
            options.KnownProxies.Add(IPAddress.TryParse(entry.Value, out var address)
                ? address
                : throw new InvalidOperationException($"{entry.Path} = '{entry.Value}' is not an IP address."));
        foreach (var entry in configuration.GetSection("ForwardedHeaders:KnownNetworks").GetChildren())
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(entry.Value, out var network)
                ? network
                : throw new InvalidOperationException($"{entry.Path} = '{entry.Value}' is not a network in CIDR notation (10.0.0.0/8)."));
        return options;
    }
}
