namespace WorkflowHost.Notifications;

/// <summary>One event's email in one language: subject, plain text and HTML, with {{placeholders}}.</summary>
public sealed record EmailTemplate(string Key, string Language, string Subject, string Text, string Html);
