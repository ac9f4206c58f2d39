using WorkflowHost.Api.Inventions;
using WorkflowHost.Identity;

namespace WorkflowHost.Components.Pages.Inventions;

/// <summary>The inventor portal's services: what its pages and the inventions endpoints share, and the people lookup.</summary>
public static class InventorPortalRegistration
{
    public static IServiceCollection AddInventorPortal(this IServiceCollection services)
    {
        services.AddScoped<InventionActions>();
        services.AddScoped<PeopleDirectory>();
        return services;
    }
}
