using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace WorkflowHost.Email;

/// <summary>
/// Builds the MIME message with MimeKit: <c>multipart/alternative</c> with the plain text first and the HTML
/// second, headers with non-ASCII text (Chinese names and subjects) as UTF-8 encoded words, bodies as UTF-8 in
/// quoted-printable (7-bit clean for every relay), and a Message-ID derived from the email's key.
/// </summary>
public static class MailMessages
{
    public static MimeMessage Build(OutgoingEmail email, string from)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage();
        message.From.Add(sender);
        message.To.Add(new MailboxAddress(email.ToName, email.To));
        message.Subject = email.Subject;
        message.Date = email.CreatedAt;
        message.MessageId = MessageId(email.IdempotencyKey, sender.Domain);
        var text = new TextPart(MimeKit.Text.TextFormat.Plain) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        text.SetText(Encoding.UTF8, email.Text);
        var html = new TextPart(MimeKit.Text.TextFormat.Html) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        html.SetText(Encoding.UTF8, email.Html);
        message.Body = new MultipartAlternative { text, html };
        return message;
    }

    /// <summary>The same key gives the same id on every attempt and after every restart.</summary>
    public static string MessageId(string idempotencyKey, string? domain) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32].ToLowerInvariant() + "@" +
        (string.IsNullOrEmpty(domain) ? "workflowhost" : domain);

    /// <summary>Writing options: UTF-8 encoded words for headers (never raw 8-bit), CRLF line ends.</summary>
    public static FormatOptions Format { get; } = CreateFormat();

    private static FormatOptions CreateFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.International = false;
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
