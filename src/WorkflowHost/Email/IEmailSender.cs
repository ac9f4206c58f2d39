namespace WorkflowHost.Email;

/// <summary>Hands a message to a mail server (or a pickup folder). Throws when it could not.</summary>
public interface IEmailSender
{
    Task SendAsync(OutgoingEmail email, CancellationToken ct);
}
