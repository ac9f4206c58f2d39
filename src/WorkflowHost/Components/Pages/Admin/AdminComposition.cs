using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using WorkflowHost.Reporting;
using WorkflowHost.Security;

namespace WorkflowHost.Components.Pages.Admin;

/// <summary>What the system administrator's screens and the statistics endpoint need.</summary>
public static class AdminComposition
{
    public static IServiceCollection AddAdminScreens(this IServiceCollection services)
    {
        services.AddSingleton<StageStatistics>();
        services.AddSingleton<NotificationProblemRetry>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Statistics, p => p.RequireAuthenticatedUser().RequireRole(Roles.SystemAdministrator, Roles.OfficeHead));
        return services;
    }
}
