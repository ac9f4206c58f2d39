namespace WorkflowHost.Notifications;

/// <summary>Where and how to tell a user: their address, language (zh-CN or en) and whether they want a daily digest.</summary>
public sealed record UserContact(string UserId, string? DisplayName, string Email, string Language, bool Digest);
