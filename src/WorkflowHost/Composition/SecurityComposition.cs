using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Composition;

public static class SecurityComposition
{
    /// <summary>
    /// Who calls, and what they may do. A request with <c>Authorization: Bearer ...</c> is authenticated by
    /// Identity's bearer tokens (API clients), any other by Identity's cookie (the web UI). An API request without
    /// credentials gets 401 (403 when signed in without the role), never a redirect to a login page.
    /// The session is checked and roles and committees are read afresh on each request (<see cref="BearerOrCookieHandler"/>).
    /// </summary>
    public static IServiceCollection AddHostSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrCookieHandler.SchemeName;
                o.DefaultChallengeScheme = BearerOrCookieHandler.SchemeName;
                o.DefaultForbidScheme = BearerOrCookieHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, BearerOrCookieHandler>(BearerOrCookieHandler.SchemeName, "Bearer token or cookie", null)
            .AddBearerToken(IdentityConstants.BearerScheme)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "workflowhost.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/access-denied"; // Identity's default (/Account/AccessDenied) is no page of ours
            o.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddScoped<CurrentAccountClaims>();
        // Open pages (Blazor circuits) check now and then that their sign-in still holds.
        services.AddSingleton<OpenCircuits>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdministrator))
            .AddPolicy(Policies.WorkflowAdministrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.WorkflowAdministrator, Roles.SystemAdministrator))
            .AddPolicy(Policies.Office, p => p.RequireAuthenticatedUser().RequireRole(Roles.TechnologyManager, Roles.OfficeHead))
            .AddPolicy(Policies.EngineViews, p => p.RequireAuthenticatedUser().RequireRole(
                Roles.TechnologyManager, Roles.OfficeHead, Roles.WorkflowAdministrator, Roles.SystemAdministrator))
            .AddPolicy(Policies.SendSignals, p => p.RequireAuthenticatedUser().RequireRole(
                Roles.TechnologyManager, Roles.OfficeHead, Roles.WorkflowAdministrator, Roles.SystemAdministrator))
            .AddPolicy(Policies.CommitteeMember, p => p.RequireAuthenticatedUser().RequireRole(Roles.CommitteeMember, Roles.CommitteeChair))
            .AddPolicy(Policies.Inventor, p => p.RequireAuthenticatedUser().RequireRole(Roles.Inventor));
        return services;
    }

    /// <summary>API callers get a status code; browsers on UI pages are redirected to the sign-in page.</summary>
    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
