using System.Net.Mail;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;

namespace WorkflowHost.Email;

/// <summary>Builds the MIME message: plain text with an HTML alternative, UTF-8 throughout (Chinese subjects).</summary>
internal static class MailMessages
{
    public static MailMessage Build(OutgoingEmail email, string from)
    {
        var message = new MailMessage(from, email.To)
        {
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = email.Text,
            BodyEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        message.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html, Encoding.UTF8, MediaTypeNames.Text.Html));
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.IdempotencyKey)))[..32].ToLowerInvariant();
        message.Headers.Add("Message-ID", $"<{id}@workflowhost>");
        return message;
    }
}
