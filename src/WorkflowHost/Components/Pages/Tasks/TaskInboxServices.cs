using MudBlazor;
using WorkflowHost.Identity;
using WorkflowHost.Localization;

namespace WorkflowHost.Components.Pages.Tasks;

/// <summary>The inbox's services: saved filters, the people picker, MudBlazor's texts in Chinese.</summary>
public static class TaskInboxServices
{
    public static IServiceCollection AddTaskInbox(this IServiceCollection services)
    {
        services.AddScoped<UserTaskFilters>();
        services.AddScoped<PeopleLookup>();
        services.AddTransient<MudLocalizer, MudBlazorLocalizer>();
        return services;
    }
}
