using System.Net.Mail;
using Microsoft.Extensions.Options;
using WorkflowHost.Composition;
using WorkflowHost.Notifications;

namespace WorkflowHost.Email;

/// <summary>With no SMTP server configured, each message is written as an .eml file, so the host works offline.</summary>
public sealed class PickupFolderEmailSender(IOptions<NotificationOptions> options, HostSettings settings) : IEmailSender
{
    public string Folder { get; } = Path.GetFullPath(options.Value.PickupPath, settings.DataPath);

    public async Task SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        Directory.CreateDirectory(Folder);
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Folder };
        using var message = MailMessages.Build(email, options.Value.Smtp.From);
        await client.SendMailAsync(message, ct);
    }
}
