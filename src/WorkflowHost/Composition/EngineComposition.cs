using Microsoft.AspNetCore.DataProtection;
using WorkflowHost.Security;
using Workflows.Engine.Calendar;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;
using Workflows.Persistence.Sealing;

namespace WorkflowHost.Composition;

public static class EngineComposition
{
    /// <summary>The store on the configured database and the runtime over it, with every registered service-task handler, and the
    /// publication of the shipped workflows at start-up.</summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, HostSettings settings, IConfiguration configuration)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IBusinessCalendar>(new HolidayCalendar(
            Dates(configuration, "Calendar:Holidays"), Dates(configuration, "Calendar:WorkingWeekendDays"), TimeZone(configuration)));
        // The record seal (a key file, never in the database) signs the engine's history and the cases' evidence; each
        // signed head is also copied to the checkpoint journals outside the database (doc/tech-transfer.md, "What the evidence proves").
        var seal = Ed25519RecordSeal.LoadOrCreate(InDataFolder(settings, configuration["Sealing:KeyFile"], RecordSealFiles.DefaultKeyFile));
        var checkpoints = InDataFolder(settings, configuration["Sealing:CheckpointFolder"], RecordSealFiles.DefaultCheckpointFolder);
        var historyJournal = new CheckpointJournal(Path.Combine(checkpoints, RecordSealFiles.HistoryJournal));
        services.AddSingleton<IRecordSeal>(seal);
        services.AddSingleton(seal);
        services.AddSingleton(new CheckpointJournal(Path.Combine(checkpoints, RecordSealFiles.EvidenceJournal)));
        var storeOptions = configuration.GetSection("Persistence").Get<WorkflowStoreOptions>() ?? new WorkflowStoreOptions();
        storeOptions.Seal = seal;
        storeOptions.Journal = historyJournal;
        services.AddWorkflowPersistence(settings.Provider, settings.ConnectionString, storeOptions);
        services.AddSingleton<IHistoryVerifier>(sp => new SealedHistoryVerifier(sp.GetRequiredService<IWorkflowStore>(), seal, historyJournal));
        services.AddSingleton(TimeProvider.System);
        var options = RuntimeOptions(configuration);
        services.AddSingleton(sp =>
        {
            // Confidential task data is sealed with the host's persisted key ring: it opens after a restart and on every host.
            options.ConfidentialDataProtector ??= new DataProtectionConfidentialProtector(sp.GetRequiredService<IDataProtectionProvider>());
            return options;
        });
        services.AddSingleton<WorkflowRuntime>(sp => new WorkflowRuntime(
            sp.GetRequiredService<IWorkflowStore>(),
            sp.GetRequiredService<ITimerScheduler>(),
            sp.GetServices<IServiceTaskHandler>(),
            sp.GetRequiredService<WorkflowRuntimeOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IBusinessCalendar>()));
        services.AddSingleton<IWorkflowRuntime>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.AddSingleton<IWorkflowQueries>(sp => sp.GetRequiredService<WorkflowRuntime>());
        services.AddSingleton<Localization.ProcessNames>();
        services.AddSingleton<Startup.WorkflowStartup>(); // run by HostStartup: the shipped workflows published
        return services;
    }

    /// <summary>A configured path (relative: to the data folder), or the default one in the data folder.</summary>
    private static string InDataFolder(HostSettings settings, string? configured, string fallback) =>
        Path.GetFullPath(Path.Combine(settings.DataPath, string.IsNullOrWhiteSpace(configured) ? fallback : configured));

    /// <summary>
    /// The engine's options from <c>Engine:*</c> (conflict retries, service-task backoff, administrators' group...). Send
    /// tasks may name only the email templates the host knows, so an unknown one is a publish error (BPMN021).
    /// </summary>
    public static WorkflowRuntimeOptions RuntimeOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection("Engine");
        var options = new WorkflowRuntimeOptions();
        section.Bind(options);
        if (section.GetSection(nameof(WorkflowRuntimeOptions.ServiceRetryBackoff)).Exists()) // replace the defaults, not append to them
            options.ServiceRetryBackoff = section.GetSection(nameof(WorkflowRuntimeOptions.ServiceRetryBackoff)).Get<TimeSpan[]>() ?? [];
        if (options.ServiceRetryBackoff.Length == 0)
            throw new InvalidOperationException("Engine:ServiceRetryBackoff needs at least one delay.");
        options.KnownTemplates = Notifications.EmailTemplateCatalog.Defaults.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        return options;
    }

    /// <summary>The office's zone: working days and date-only due dates are its dates (default China Standard Time).</summary>
    public static TimeZoneInfo TimeZone(IConfiguration configuration) =>
        Localization.TimeDisplay.FindZone(configuration["Calendar:TimeZone"], "Calendar:TimeZone");

    /// <summary>ISO dates (yyyy-MM-dd) from a configuration list; a wrong one stops start-up naming it.</summary>
    private static IEnumerable<DateOnly> Dates(IConfiguration configuration, string key) =>
        configuration.GetSection(key).GetChildren().Select(c =>
            DateOnly.TryParseExact(c.Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? d
                : throw new InvalidOperationException($"{c.Path} = '{c.Value}' is not a date (yyyy-MM-dd)."));
}
