using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Identity;
using WorkflowHost.Identity.Sessions;

namespace WorkflowHost.Components.Pages.Account;

/// <summary>
/// The UI's sign-out: a form POST with an antiforgery token, so another site cannot sign a user out. It ends every
/// session of the user (<see cref="AccountSessions"/>), so a copy of the cookie stops working too.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (HttpContext http, SignInManager<ApplicationUser> signIn, AccountSessions sessions, [FromForm] string? returnUrl) =>
        {
            if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
                await sessions.EndAllAsync(user, SessionEndReasons.SignedOut, http.RequestAborted);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        }).ExcludeFromDescription();
        return app;
    }
}
