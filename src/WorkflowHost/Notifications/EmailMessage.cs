using WorkflowHost.Email;

namespace WorkflowHost.Notifications;

/// <summary>A row of <c>email_messages</c>: one email to one address, with its delivery state.</summary>
public sealed record EmailMessage(
    string Id, string IdempotencyKey, string Kind, string To, string? ToName, string? ToUserId, string Language,
    string Subject, string Text, string Html, string? TaskId, EmailStatus Status, int Attempts, long NextAttemptAt,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? FailingSince)
{
    public OutgoingEmail ToOutgoing() => new(IdempotencyKey, To, ToName, Subject, Text, Html, CreatedAt);
}
