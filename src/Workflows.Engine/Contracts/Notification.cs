using System.Text.Json.Nodes;

namespace Workflows.Engine.Contracts;

/// <summary>
/// What the engine asks to be told to people. The engine writes these to the outbox in the step's transaction;
/// the host turns them into emails (templates, languages, digests). The engine knows no addresses or templates
/// beyond the key a send task names.
/// </summary>
public sealed record Notification
{
    /// <summary>See <see cref="NotificationKinds"/>.</summary>
    public required string Kind { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ProcessId { get; init; }
    public string? BusinessKey { get; init; }
    public required string ElementId { get; init; }
    public string? ElementName { get; init; }
    /// <summary>The element's name in other languages by culture (its <c>wf:name-zh-CN</c>...), for the recipient's language.</summary>
    public IReadOnlyDictionary<string, string>? ElementNames { get; init; }
    /// <summary>The process's name and its names in other languages, likewise.</summary>
    public string? ProcessName { get; init; }
    public IReadOnlyDictionary<string, string>? ProcessNames { get; init; }
    public Guid? TaskId { get; init; }
    /// <summary>User ids to tell (assignee, candidates, or a send task's resolved recipients).</summary>
    public IReadOnlyList<string> Users { get; init; } = Array.Empty<string>();
    /// <summary>Groups (roles) to tell; the host expands them to their members.</summary>
    public IReadOnlyList<string> Groups { get; init; } = Array.Empty<string>();
    /// <summary>Literal email addresses (send tasks to external parties).</summary>
    public IReadOnlyList<string> Addresses { get; init; } = Array.Empty<string>();
    /// <summary>The template key: the kind for built-in events, the send task's wf:template otherwise.</summary>
    public required string Template { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>The reminder's offset before due, for reminders.</summary>
    public TimeSpan? Offset { get; init; }
    /// <summary>A snapshot of the instance variables the template may show.</summary>
    public JsonObject Variables { get; init; } = new();
    public DateTimeOffset At { get; init; }
    /// <summary>Stable per event (the outbox message id), so a handler can make sending idempotent.</summary>
    public Guid EventId { get; init; }
}

public static class NotificationKinds
{
    public const string TaskAssigned = "task-assigned";
    public const string TaskReminder = "task-reminder";
    public const string TaskEscalated = "task-escalated";
    public const string SendTask = "send-task";
    public const string IncidentRaised = "incident-raised";
}
