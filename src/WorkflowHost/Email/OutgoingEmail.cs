namespace WorkflowHost.Email;

/// <summary>One message to hand to a mail server; the key becomes its Message-ID so receivers can drop a repeat.</summary>
public sealed record OutgoingEmail(string IdempotencyKey, string To, string Subject, string Text, string Html);
