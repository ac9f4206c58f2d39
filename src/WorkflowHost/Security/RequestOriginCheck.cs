using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Security;

/// <summary>
/// Proof of origin for what a browser sends with the user's cookie (doc/security.md, "Origin checks"). A page on another
/// origin, a sibling sub-domain included (same site, so SameSite=Lax still sends the cookie), must not change data nor
/// drive a signed-in user's Blazor circuit. Requests with <c>Authorization: Bearer</c> pass untouched: a browser never
/// adds that header to another site's request. For the rest:
/// <list type="bullet">
/// <item>a request that changes state (any method but GET, HEAD, OPTIONS, TRACE), and every request of the Blazor circuit
/// (<c>/_blazor</c>: negotiate, WebSocket, long polling) or any WebSocket upgrade, is refused (403) when its
/// <c>Origin</c> is not this host's own origin or an allowed one (<see cref="OriginCheckOptions"/>), or, with no
/// <c>Origin</c>, when <c>Sec-Fetch-Site</c> says <c>cross-site</c> or <c>same-site</c>;</item>
/// <item>a state change under <c>/api</c> that carries the sign-in cookie must also carry the header
/// <see cref="ProofHeader"/>, which another origin's page cannot add without a CORS preflight this host never grants.
/// The pages' own scripts send it (<c>wwwroot/js/assets.js</c>, <c>apiFetch</c>); forms posted by the pages carry an
/// antiforgery token instead, which ASP.NET Core checks.</item>
/// </list>
/// </summary>
public sealed class RequestOriginCheck(RequestDelegate next, OriginCheckOptions options, IOptionsMonitor<CookieAuthenticationOptions> cookies,
    IProblemDetailsService problems, ILogger<RequestOriginCheck> logger)
{
    /// <summary>The header a page's script sends with a state-changing API call under the cookie (any non-empty value).</summary>
    public const string ProofHeader = "X-Requested-With";

    public async Task InvokeAsync(HttpContext context)
    {
        var refusal = Check(context.Request);
        if (refusal is null)
        {
            await next(context);
            return;
        }
        logger.LogWarning("Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, refusal.Value.Detail);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var details = new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden, Title = refusal.Value.Code, Detail = refusal.Value.Detail,
            Type = Api.ApiProblems.TypeBase + refusal.Value.Code,
        };
        details.Extensions["code"] = refusal.Value.Code;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
    }

    private (string Code, string Detail)? Check(HttpRequest request)
    {
        if (request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return null;
        var changesState = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                             || HttpMethods.IsTrace(request.Method));
        var circuit = request.Path.StartsWithSegments("/_blazor")
                      || request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase);
        if ((changesState || circuit) && CrossOrigin(request) is { } why)
            return ("cross-origin-request", why + " Requests that change data or drive a page's live connection must come from this site's own pages.");
        if (changesState && request.Path.StartsWithSegments("/api") && string.IsNullOrEmpty(request.Headers[ProofHeader])
            && request.Cookies.ContainsKey(CookieName))
            return ("same-origin-proof-missing",
                $"An API call that changes data with the sign-in cookie must send the header {ProofHeader} (the web UI's scripts do); API clients send a bearer token.");
        return null;
    }

    private string CookieName => cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore.Identity.Application";

    /// <summary>Why the request comes from another origin, or null when it is ours (or says nothing, as a non-browser client).</summary>
    private string? CrossOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return IsAllowed(request, origin) ? null : $"Origin '{origin}' is not this site ({request.Scheme}://{request.Host}).";
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site" ? $"The browser says the request comes from another site (Sec-Fetch-Site: {site})." : null;
    }

    private bool IsAllowed(HttpRequest request, string origin)
    {
        // "null" (a sandboxed frame, a file) and anything unparsable is no origin of ours.
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || from.Scheme is not ("http" or "https")) return false;
        if (Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own) && SameOrigin(from, own)) return true;
        return options.AllowedOrigins.Any(allowed => SameOrigin(from, allowed));
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
