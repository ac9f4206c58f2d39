using MimeKit;

namespace WorkflowHost.Email;

/// <summary>An open connection to a mail server (or a pickup folder) that sends one message after another.</summary>
public interface IEmailConnection : IAsyncDisposable
{
    /// <summary>True while further messages can be sent on it (a dropped connection is opened again).</summary>
    bool IsUsable { get; }
    /// <summary>Sends one message. Throws when the server did not accept it (see <see cref="EmailFailures"/>).</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
