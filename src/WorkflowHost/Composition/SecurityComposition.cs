using Microsoft.AspNetCore.Authentication;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Composition;

public static class SecurityComposition
{
    public static IServiceCollection AddHostSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(NoAccountsAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, NoAccountsAuthenticationHandler>(NoAccountsAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdministrator))
            .AddPolicy(Policies.WorkflowAdministrator, p => p.RequireAuthenticatedUser().RequireRole(Roles.WorkflowAdministrator, Roles.SystemAdministrator))
            .AddPolicy(Policies.Office, p => p.RequireAuthenticatedUser().RequireRole(Roles.TechnologyManager, Roles.OfficeHead))
            .AddPolicy(Policies.EngineViews, p => p.RequireAuthenticatedUser().RequireRole(
                Roles.TechnologyManager, Roles.OfficeHead, Roles.WorkflowAdministrator, Roles.SystemAdministrator));
        return services;
    }
}
