using TechTransfer.Persistence;

namespace WorkflowHost.Domain;

/// <summary>Brings the domain's tt_* tables up to date before the workflows start (their service tasks write to them).</summary>
public sealed class TechTransferStartup(TechTransferDatabase database, ILogger<TechTransferStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        var applied = await database.MigrateAsync(ct);
        if (applied.Count > 0) logger.LogInformation("Tech-transfer schema migrated to version {Version}", applied[^1]);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
