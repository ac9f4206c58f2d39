namespace WorkflowHost.Security;

/// <summary>
/// Headers on every response, error pages and static files included (set as the response starts, after anything that
/// clears headers): a Content-Security-Policy under which only this site's own scripts run (Blazor, MudBlazor, the
/// bpmn.io and form-js bundles are files of ours; MudBlazor and bpmn-js need inline styles, bpmn-js data: images),
/// <c>X-Content-Type-Options: nosniff</c>, <c>Referrer-Policy: same-origin</c> (case numbers and ids in our URLs never
/// leave the site), and no framing by another site. HSTS is added in Production (<c>UseHsts</c>, HTTPS only); Kestrel
/// sends no <c>Server</c> header (<c>AddServerHeader = false</c>). The one exception is the API explorer (<c>/scalar</c>),
/// whose package starts with an inline script: there inline scripts run too; the page shows only our OpenAPI document.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API explorer's policy: as above, and Scalar's inline start-up script.</summary>
    public const string ApiExplorerPolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar") ? ApiExplorerPolicy : ContentSecurityPolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
