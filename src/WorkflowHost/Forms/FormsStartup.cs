namespace WorkflowHost.Forms;

/// <summary>Brings the forms tables up to date before the host serves requests.</summary>
public sealed class FormsStartup(FormStore store) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => store.MigrateAsync(ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
