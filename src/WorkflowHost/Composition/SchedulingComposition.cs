using Quartz;
using WorkflowHost.Scheduling;
using Workflows.Engine.Contracts;
using Workflows.Persistence;

namespace WorkflowHost.Composition;

public static class SchedulingComposition
{
    /// <summary>
    /// Quartz.NET with its persistent job store on the application's own database (tables created on first
    /// start), clustered on PostgreSQL so that several hosts share the timers and each fires once.
    /// </summary>
    public static IServiceCollection AddQuartzScheduling(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        var clustered = configuration.GetValue("Scheduler:Clustered", settings.Provider == DatabaseProvider.Postgres);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = configuration["Scheduler:InstanceName"] ?? "workflow-host";
                o.GenerateInstanceId = true; // each host of a cluster gets its own id
            });
            q.UsePersistentStore(store =>
            {
                if (settings.Provider == DatabaseProvider.Sqlite) store.UseSqlite(settings.ConnectionString);
                else store.UsePostgres(settings.ConnectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                if (clustered) store.UseClustering();
            });
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<ITimerScheduler, QuartzTimerScheduler>();
        services.AddSingleton<TimerReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerReconciler>());
        return services;
    }
}
