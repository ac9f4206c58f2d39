namespace WorkflowHost.Notifications;

/// <summary>
/// A notification that did not become email, kept for administrators: <see cref="NoContact"/> (a recipient the
/// user directory does not know) or <see cref="Dead"/> (the outbox message kept failing).
/// </summary>
public sealed record NotificationProblem(
    string Id, string Problem, string EventId, string UserId, string NotificationKind, string InstanceId, string Detail,
    string Payload, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt)
{
    public const string NoContact = "no-contact";
    public const string Dead = "dead";
}
