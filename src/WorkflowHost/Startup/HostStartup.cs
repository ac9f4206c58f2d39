using WorkflowHost.Identity;

namespace WorkflowHost.Startup;

/// <summary>
/// The host's one start-up service, registered before every other hosted service (Data Protection's key ring, the
/// timer pump, Hangfire's server): every schema module in <see cref="SchemaModules.InOrder"/>, then what the areas
/// seed, in this order: the roles and the first administrator, the rules in force (logged), the shipped workflows.
/// </summary>
public sealed class HostStartup(IServiceProvider services, AccountsStartup accounts, TechTransferStartup domain, WorkflowStartup workflows,
    ILogger<HostStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var module in SchemaModules.InOrder)
        {
            await module.MigrateAsync(services, cancellationToken);
            logger.LogDebug("Schema module {Module} is up to date", module.Name);
        }
        await accounts.RunAsync(cancellationToken);
        await domain.RunAsync(cancellationToken);
        await workflows.RunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
