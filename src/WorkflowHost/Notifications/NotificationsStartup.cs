namespace WorkflowHost.Notifications;

/// <summary>Brings the notification tables up to date before the dispatcher and sender start.</summary>
public sealed class NotificationsStartup(NotificationDatabase db) : IHostedService
{
    public Task StartAsync(CancellationToken ct) => db.MigrateAsync(ct);
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
