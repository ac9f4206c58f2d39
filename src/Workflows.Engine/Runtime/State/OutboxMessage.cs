namespace Workflows.Engine.Runtime.State;

/// <summary>
/// An effect of a step that leaves the database (a notification to send), written in the step's own
/// transaction and handled after it commits, so a crash neither loses nor repeats it.
/// </summary>
public sealed class OutboxMessage
{
    public required Guid Id { get; init; }
    /// <summary>See <see cref="OutboxKinds"/>.</summary>
    public required string Kind { get; init; }
    /// <summary>JSON payload: a serialised <see cref="Contracts.Notification"/> or <see cref="Contracts.TaskEvent"/>.</summary>
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

public static class OutboxKinds
{
    public const string Notification = "notification";
    /// <summary>A <see cref="Contracts.TaskEvent"/> for the host's <see cref="Contracts.ITaskEventListener"/>s.</summary>
    public const string TaskEvent = "task-event";
    /// <summary>A <see cref="Contracts.InstanceMigratedEvent"/> for the host's <see cref="Contracts.IInstanceMigrationListener"/>s.</summary>
    public const string InstanceMigrated = "instance-migrated";
    /// <summary>A <see cref="Contracts.InstanceOperatedEvent"/> for the host's <see cref="Contracts.IInstanceOperationListener"/>s.</summary>
    public const string InstanceOperated = "instance-operated";
}
