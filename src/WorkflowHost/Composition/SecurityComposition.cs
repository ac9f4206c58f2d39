using Microsoft.AspNetCore.Authentication;
using WorkflowHost.Security;

namespace WorkflowHost.Composition;

public static class SecurityComposition
{
    public static IServiceCollection AddHostSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(NoAccountsAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, NoAccountsAuthenticationHandler>(NoAccountsAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().RequireRole(Policies.AdministratorRole));
        return services;
    }
}
