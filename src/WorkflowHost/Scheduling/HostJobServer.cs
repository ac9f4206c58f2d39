using Hangfire;

namespace WorkflowHost.Scheduling;

/// <summary>
/// This host's Hangfire server, started inside the host's log scope (<see cref="HostLogProvider.Enter"/>) so that
/// its threads log to this host's loggers. Its job activator is this host's own too (see SchedulingComposition).
/// </summary>
public sealed class HostJobServer(BackgroundJobServerHostedService server, ILoggerFactory loggers) : IHostedService, IDisposable
{
    public Task StartAsync(CancellationToken ct)
    {
        using (HostLogProvider.Enter(loggers)) return server.StartAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => server.StopAsync(ct);

    public void Dispose() => server.Dispose();
}
