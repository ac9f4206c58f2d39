using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace WorkflowHost.Composition;

public static class EngineComposition
{
    /// <summary>The store on the configured database and the runtime over it, with every registered service-task handler.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, HostSettings settings)
    {
        services.AddSingleton(settings);
        services.AddWorkflowPersistence(settings.Provider, settings.ConnectionString);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WorkflowRuntime>(sp => new WorkflowRuntime(
            sp.GetRequiredService<IWorkflowStore>(),
            sp.GetRequiredService<ITimerScheduler>(),
            sp.GetServices<IServiceTaskHandler>(),
            sp.GetService<WorkflowRuntimeOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IBusinessCalendar>()));
        services.AddSingleton<IWorkflowRuntime>(sp => sp.GetRequiredService<WorkflowRuntime>());
        return services;
    }
}
