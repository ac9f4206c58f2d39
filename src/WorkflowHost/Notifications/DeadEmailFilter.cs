namespace WorkflowHost.Notifications;

/// <summary>Which dead emails an administrator means: all of them, or those to one address, of one kind, or since a time.</summary>
public sealed record DeadEmailFilter(string? To = null, string? Kind = null, DateTimeOffset? Since = null);
