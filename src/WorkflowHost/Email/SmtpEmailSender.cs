using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using WorkflowHost.Notifications;

namespace WorkflowHost.Email;

/// <summary>
/// SMTP through MailKit: plain, STARTTLS or implicit TLS, optional authentication, connect and command
/// timeouts. Server certificates are validated; the only exception is the one certificate an administrator
/// names in <c>Email:Smtp:TrustedCertificateThumbprint</c> or <c>TrustedCertificateFile</c>.
/// </summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task<IEmailConnection> ConnectAsync(CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var client = new SmtpClient { Timeout = (int)smtp.CommandTimeout.TotalMilliseconds };
        var trusted = TrustedCertificate(smtp);
        client.ServerCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, trusted);
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            connectTimeout.CancelAfter(smtp.ConnectTimeout);
            var security = smtp.EffectiveSecurity switch
            {
                SmtpSecurity.None => SecureSocketOptions.None,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            };
            try
            {
                await client.ConnectAsync(smtp.Host ?? "localhost", smtp.Port, security, connectTimeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {smtp.Host}:{smtp.Port} took longer than {smtp.ConnectTimeout}.");
            }
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            return new Connection(client, logger);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private static bool Validate(X509Certificate? certificate, SslPolicyErrors errors, byte[]? trustedHash)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || trustedHash is null) return false;
        // Pinning: exactly this certificate (any chain or name error is then accepted for it alone).
        var raw = certificate.GetRawCertData();
        // A 20-byte pin is the SHA-1 thumbprint administrators copy from their mail server's certificate: it names one
        // certificate, it does not protect a secret.
#pragma warning disable CA5350
        return trustedHash.Length == 20
            ? SHA1.HashData(raw).AsSpan().SequenceEqual(trustedHash)
            : SHA256.HashData(raw).AsSpan().SequenceEqual(trustedHash);
#pragma warning restore CA5350
    }

    /// <summary>The pinned certificate's hash, from the thumbprint setting or the certificate file.</summary>
    private static byte[]? TrustedCertificate(SmtpOptions smtp)
    {
        if (!string.IsNullOrWhiteSpace(smtp.TrustedCertificateThumbprint))
        {
            var hex = new string(smtp.TrustedCertificateThumbprint.Where(Uri.IsHexDigit).ToArray());
            if (hex.Length is not (40 or 64))
                throw new InvalidOperationException("Email:Smtp:TrustedCertificateThumbprint must be a SHA-256 (64 hex digits) or SHA-1 (40) thumbprint.");
            return Convert.FromHexString(hex);
        }
        if (!string.IsNullOrWhiteSpace(smtp.TrustedCertificateFile))
        {
            using var certificate = X509CertificateLoader.LoadCertificateFromFile(smtp.TrustedCertificateFile);
            return SHA256.HashData(certificate.RawData);
        }
        return null;
    }

    private sealed class Connection(SmtpClient client, ILogger logger) : IEmailConnection
    {
        public bool IsUsable => client.IsConnected;

        public async Task SendAsync(MimeMessage message, CancellationToken ct) =>
            await client.SendAsync(MailMessages.Format, message, ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync(quit: true);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Closing the SMTP connection failed");
            }
            client.Dispose();
        }
    }
}
