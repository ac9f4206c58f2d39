namespace WorkflowHost.Email;

/// <summary>Where email goes: an SMTP server (MailKit) or a pickup folder. One connection serves a batch.</summary>
public interface IEmailSender
{
    /// <summary>Opens a connection for a batch of messages. Throws when the server cannot be reached.</summary>
    Task<IEmailConnection> ConnectAsync(CancellationToken ct);
}
