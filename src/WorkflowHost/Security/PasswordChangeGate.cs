using Microsoft.AspNetCore.Components.Endpoints;
using WorkflowHost.Api;

namespace WorkflowHost.Security;

/// <summary>
/// A user who must choose a new password (the first administrator with a generated one) does that before anything
/// else: the API answers 403 <c>password-change-required</c> except for reading my account, changing my password and
/// signing in and out; a page (and the background-jobs dashboard) leads to the account page, where the password is
/// changed. Runs after authentication, which marks such a user (<see cref="AccountClaims.MustChangePassword"/>).
/// </summary>
public sealed class PasswordChangeGate(RequestDelegate next)
{
    public const string Code = "password-change-required";
    public const string AccountPage = "/account";

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.HasClaim(c => c.Type == AccountClaims.MustChangePassword)) return next(context);
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api"))
            return IsAllowed(request) ? next(context) : RefuseAsync(context);
        var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || request.Path.StartsWithSegments("/hangfire");
        if (isPage && !request.Path.StartsWithSegments(AccountPage))
        {
            context.Response.Redirect(request.PathBase + AccountPage);
            return Task.CompletedTask;
        }
        return next(context);
    }

    private static bool IsAllowed(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1/auth")
        || (HttpMethods.IsGet(request.Method) && request.Path.Equals("/api/v1/me", StringComparison.OrdinalIgnoreCase))
        || (HttpMethods.IsPost(request.Method) && request.Path.Equals("/api/v1/me/password", StringComparison.OrdinalIgnoreCase));

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden, Title = Code, Type = ApiProblems.TypeBase + Code,
                Detail = "Choose a new password first: POST /api/v1/me/password with currentPassword and newPassword, then sign in again with it.",
            },
        });
    }
}
