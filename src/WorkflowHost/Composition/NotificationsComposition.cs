using WorkflowHost.Email;
using WorkflowHost.Notifications;

namespace WorkflowHost.Composition;

public static class NotificationsComposition
{
    /// <summary>
    /// Email from the engine's notifications: the dispatcher (outbox -> one email row per recipient, in their
    /// language) and the sender (SMTP when <c>Email:Smtp:Host</c> is set, else .eml files in a pickup folder).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection("Email"));
        services.AddSingleton<NotificationDatabase>();
        services.AddSingleton<EmailTemplates>();
        if (!string.IsNullOrWhiteSpace(configuration["Email:Smtp:Host"])) services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        services.AddHostedService<NotificationsStartup>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<DigestService>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestService>());
        services.AddSingleton<EmailSenderService>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailSenderService>());
        return services;
    }
}
