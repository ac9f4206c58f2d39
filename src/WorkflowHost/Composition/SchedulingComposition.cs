using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using WorkflowHost.Scheduling;
using Workflows.Engine.Contracts;
using Workflows.Persistence;
using Workflows.Persistence.Timers;

namespace WorkflowHost.Composition;

public static class SchedulingComposition
{
    /// <summary>
    /// Timers: the <see cref="TimerPump"/> fires due bookmarks straight from the engine's rows (no scheduler of
    /// record besides them). Background work: Hangfire, on PostgreSQL in its own schema of the application's
    /// database shared by every host, on the SQLite default in memory (the database rows are the truth: every job
    /// re-reads them, so a restart loses nothing). Recurring schedules come from <c>BackgroundJobs:*</c>.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.Configure<TimerPumpOptions>(configuration.GetSection("Scheduler"));
        services.AddSingleton(new BookmarkTimerQueue(settings.Provider, settings.ConnectionString));
        services.AddSingleton<TimerPump>();
        services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<TimerPump>());
        services.AddHostedService(sp => sp.GetRequiredService<TimerPump>());

        var hangfire = configuration.GetSection("Hangfire");
        var polling = hangfire.GetValue("PollingInterval", TimeSpan.FromSeconds(1));
        // Hangfire keeps its storage, job activator and log provider in process-wide statics, which AddHangfire sets
        // for every host a process builds (tests run several at once). This host's own are registered before
        // AddHangfire, which then keeps them, and its server takes them from here: its jobs run in this host's
        // services even when another host configured Hangfire after this one (HostLogProvider says how logs follow).
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            using var logs = HostLogProvider.Enter(sp.GetRequiredService<ILoggerFactory>()); // the storage logs as it starts
            return settings.Provider == DatabaseProvider.Postgres
                ? new PostgreSqlStorage(new NpgsqlConnectionFactory(settings.ConnectionString, PostgresOptions(hangfire, polling)), PostgresOptions(hangfire, polling))
                : new InMemoryStorage(new InMemoryStorageOptions());
        });
        services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings().UseLogProvider(HostLogProvider.Instance));
        services.Configure<RecurringJobSchedules>(configuration.GetSection("BackgroundJobs"));
        services.AddHostedService<RecurringJobsSetup>();
        services.AddHostedService(sp => new HostJobServer(new BackgroundJobServerHostedService(sp.GetRequiredService<JobStorage>(), new BackgroundJobServerOptions
        {
            Activator = sp.GetRequiredService<JobActivator>(),
            SchedulePollingInterval = polling,
            // Jobs take the shutdown token; a stop waits this long for them, within the host's own shutdown time.
            ShutdownTimeout = hangfire.GetValue("ShutdownTimeout", TimeSpan.FromSeconds(5)),
            WorkerCount = hangfire.GetValue("WorkerCount", Math.Clamp(Environment.ProcessorCount * 2, 2, 8)),
            ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}",
        }, [], sp.GetRequiredService<IHostApplicationLifetime>()), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    private static PostgreSqlStorageOptions PostgresOptions(IConfiguration hangfire, TimeSpan polling) => new()
    {
        SchemaName = hangfire["Schema"] ?? "hangfire",
        PrepareSchemaIfNecessary = true,
        QueuePollInterval = polling,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
