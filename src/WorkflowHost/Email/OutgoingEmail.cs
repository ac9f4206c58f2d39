namespace WorkflowHost.Email;

/// <summary>
/// One message to hand to a mail server. The key becomes its Message-ID and the creation time its Date, so the
/// same email is byte-for-byte the same message on every attempt, and a receiver can drop a repeat.
/// </summary>
public sealed record OutgoingEmail(string IdempotencyKey, string To, string? ToName, string Subject, string Text, string Html, DateTimeOffset CreatedAt);
