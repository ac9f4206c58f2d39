using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using WorkflowHost.Notifications;

namespace WorkflowHost.Email;

/// <summary>SMTP through System.Net.Mail (MailKit is not obtainable from our registry).</summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options) : IEmailSender
{
    public async Task SendAsync(OutgoingEmail email, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, Timeout = 30_000 };
        if (!string.IsNullOrEmpty(smtp.UserName)) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        using var message = MailMessages.Build(email, smtp.From);
        await client.SendMailAsync(message, ct);
    }
}
