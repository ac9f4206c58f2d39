using WorkflowHost.Application.Agreements;
using WorkflowHost.Application.Instances;
using WorkflowHost.Application.Inventions;
using WorkflowHost.Application.Portfolio;
using WorkflowHost.Application.Pricing;
using WorkflowHost.Application.Reviews;
using WorkflowHost.Application.Tasks;

namespace WorkflowHost.Application;

/// <summary>The use cases the REST API and the pages share, registered in one place (a new one is one line here).</summary>
public static class ApplicationRegistration
{
    public static IServiceCollection AddApplicationLayer(this IServiceCollection services)
    {
        services.AddSingleton<ProcessSteps>();
        services.AddSingleton<CaseDataAccess>();
        services.AddScoped<InventionActions>();
        services.AddSingleton<ReviewActions>();
        services.AddSingleton<PricingActions>();
        services.AddSingleton<SigningStepCheck>();
        services.AddSingleton<AgreementActions>();
        services.AddScoped<TaskCommands>();
        services.AddSingleton<CaseTaskFilters>();
        services.AddScoped<InstanceBulkActions>();
        services.AddSingleton<CampaignActions>();
        return services;
    }
}
