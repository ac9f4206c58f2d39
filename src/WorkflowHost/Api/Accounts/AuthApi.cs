using WorkflowHost.Identity;

namespace WorkflowHost.Api.Accounts;

/// <summary>
/// Identity's own API endpoints under <c>/api/v1/auth</c>: <c>POST /login</c> (a bearer token, or with
/// <c>?useCookies=true</c> the web UI's cookie), <c>POST /refresh</c>, <c>GET|POST /manage/info</c> and
/// <c>/manage/2fa</c>. Nobody registers themselves: only system administrators create users (<c>/api/v1/users</c>),
/// so <c>/register</c> is refused, and the email-link flows (confirm, forgot / reset password) are not offered,
/// since no email sender is wired to Identity; an administrator resets a forgotten password.
/// </summary>
public static class AuthApi
{
    /// <summary>Summaries for Identity's own endpoints, by the end of their route.</summary>
    private static readonly (string Suffix, string Summary)[] Summaries =
    [
        ("/login", "Signs in with email and password: a bearer token (or, with useCookies=true, a cookie); 401 for a wrong password or a locked account."),
        ("/refresh", "Exchanges a refresh token for a new bearer token."),
        ("/manage/info", "My sign-in details (email); POST changes them."),
        ("/manage/2fa", "Two-factor authentication settings of my account."),
    ];

    private static readonly string[] NotOffered = ["/confirmEmail", "/resendConfirmationEmail", "/forgotPassword", "/resetPassword"];

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/auth").WithTags("Sign-in")
            .MapIdentityApi<ApplicationUser>()
            .AddEndpointFilter(async (context, next) =>
            {
                var path = context.HttpContext.Request.Path.Value ?? "";
                if (path.EndsWith("/register", StringComparison.OrdinalIgnoreCase))
                    return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Registration is closed",
                        detail: "Accounts are created by system administrators (POST /api/v1/users).");
                if (NotOffered.Any(p => path.EndsWith(p, StringComparison.OrdinalIgnoreCase)))
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not offered",
                        detail: "Email links are not used for accounts; a system administrator resets a forgotten password.");
                return await next(context);
            })
            .Add(endpoint =>
            {
                // Refused endpoints stay out of the OpenAPI document.
                var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText ?? "";
                if (pattern.EndsWith("/register", StringComparison.OrdinalIgnoreCase) || NotOffered.Any(p => pattern.EndsWith(p, StringComparison.OrdinalIgnoreCase)))
                    endpoint.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute());
                else if (Summaries.FirstOrDefault(s => pattern.EndsWith(s.Suffix, StringComparison.OrdinalIgnoreCase)) is { Summary: { } summary })
                    endpoint.Metadata.Add(new EndpointSummaryAttribute(summary));
                // Identity's endpoints answer 401 as problem details too; say so in the description.
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
            });
        return app;
    }
}
