using TechTransfer.Persistence;

namespace WorkflowHost.Startup;

/// <summary>Brings the domain's <c>tt_*</c> tables up to date at start-up (module <c>techtransfer</c> of schema_migrations).</summary>
public sealed class TechTransferStartup(TechTransferDatabase database, ILogger<TechTransferStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var applied = await database.MigrateAsync(ct);
        if (applied.Count > 0) logger.LogInformation("Tech-transfer schema migrated to version {Version}", applied[^1]);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
