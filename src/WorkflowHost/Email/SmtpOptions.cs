namespace WorkflowHost.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP (a relay on the same host or network).</summary>
    None,
    /// <summary>Plain connect, then STARTTLS, required (port 587 or 25).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The <c>Email:Smtp</c> section. Secrets (the password) come from configuration or the environment, never the repository.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>Null: implicit TLS on port 465, STARTTLS (required) on any other port.</summary>
    public SmtpSecurity? Security { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>The sender, optionally with a display name: <c>技术转移办公室 &lt;tto@example.edu&gt;</c>.</summary>
    public string From { get; set; } = "workflow-host@localhost";
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>How long one SMTP command may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>
    /// Certificates are validated as usual; for a test or in-house server with a self-signed certificate, name
    /// that one certificate here by its SHA-256 (or SHA-1) thumbprint, or give its file in <see cref="TrustedCertificateFile"/>.
    /// There is no "accept any certificate" setting.
    /// </summary>
    public string? TrustedCertificateThumbprint { get; set; }
    /// <summary>A PEM or DER file with the one server certificate to trust besides the system's authorities.</summary>
    public string? TrustedCertificateFile { get; set; }

    public SmtpSecurity EffectiveSecurity => Security ?? (Port == 465 ? SmtpSecurity.SslOnConnect : SmtpSecurity.StartTls);
}
