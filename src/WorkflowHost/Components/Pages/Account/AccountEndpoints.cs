using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Identity;
using WorkflowHost.Identity.Sessions;

namespace WorkflowHost.Components.Pages.Account;

/// <summary>
/// The sign-in page's language switch: <c>GET /account/language?culture=en&amp;returnUrl=/account/login</c> keeps the
/// choice in the culture cookie for pages read before signing in (a signed-in user's pages follow their account's
/// language). The UI's sign-out: a form POST with an antiforgery token, so another site cannot sign a user out. It ends every
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
        app.MapGet("/account/language", (HttpContext http, string? culture, string? returnUrl) =>
        {
            if (Languages.Normalize(culture) is { } language)
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                    new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true });
            // Only a path of this site: never an open redirect.
            var target = returnUrl is { Length: > 1 } r && r.StartsWith('/') && !r.StartsWith("//", StringComparison.Ordinal) && !r.StartsWith("/\\", StringComparison.Ordinal) ? r : "/account/login";
            return TypedResults.LocalRedirect("~" + target);
        }).ExcludeFromDescription();
        return app;
    }
}
