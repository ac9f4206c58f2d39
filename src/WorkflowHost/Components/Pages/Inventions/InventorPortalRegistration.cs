using WorkflowHost.Application.Inventions;

namespace WorkflowHost.Components.Pages.Inventions;

/// <summary>The inventor portal's services: what its pages and the inventions endpoints share.</summary>
public static class InventorPortalRegistration
{
    public static IServiceCollection AddInventorPortal(this IServiceCollection services)
    {
        services.AddScoped<InventionActions>();
        return services;
    }
}
