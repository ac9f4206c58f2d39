using WorkflowHost.Email;
using WorkflowHost.Notifications;

namespace WorkflowHost.Composition;

public static class NotificationsComposition
{
    /// <summary>
    /// Email from the engine's notifications: the dispatcher (outbox -> one email row per recipient, in their
    /// language), the delivery (SMTP through MailKit when <c>Email:Smtp:Host</c> is set, else .eml files in a
    /// pickup folder), the digest and the sweep. Hangfire runs them (<see cref="SchedulingComposition"/>).
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<NotificationOptions>(configuration.GetSection("Email"));
        // Emails speak of the same hours as the pages: the office's zone unless Email:TimeZone says otherwise.
        services.PostConfigure<NotificationOptions>(o =>
        {
            if (string.IsNullOrWhiteSpace(configuration["Email:TimeZone"])) o.TimeZone = EngineComposition.TimeZone(configuration).Id;
            _ = o.Zone; // a zone this machine does not know stops start-up here, naming the key
        });
        services.AddSingleton<NotificationDatabase>();
        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<EmailMessageStore>();
        services.AddSingleton<NotificationProblemStore>();
        if (!string.IsNullOrWhiteSpace(configuration["Email:Smtp:Host"])) services.AddSingleton<IEmailSender, SmtpEmailSender>();
        else services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<DigestService>();
        services.AddSingleton<EmailDelivery>();
        services.AddSingleton<EmailSweep>();
        return services;
    }
}
