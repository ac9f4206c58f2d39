using System.Text.Json.Nodes;

namespace Workflows.Engine.Runtime.State;

public enum UserTaskStatus { Created = 0, Claimed = 1, Delegated = 2, Completed = 3, Cancelled = 4 }

/// <summary>A user task waiting in somebody's inbox: the bookmark of a token at a user task.</summary>
public sealed class UserTaskRecord
{
    public required Guid Id { get; init; }
    public required Guid InstanceId { get; init; }
    public required string TokenId { get; init; }
    /// <summary>Changed (with <see cref="Name"/> and <see cref="FormKey"/>) only by a migration.</summary>
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public required string ProcessId { get; init; }
    public string? BusinessKey { get; init; }
    public UserTaskStatus Status { get; set; }
    public string? Assignee { get; set; }
    /// <summary>Who delegated it (it returns to them when the delegate resolves it).</summary>
    public string? Owner { get; set; }
    public List<string> CandidateUsers { get; set; } = new();
    public List<string> CandidateGroups { get; set; } = new();
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? FollowUpAt { get; set; }
    public int Priority { get; set; } = 50;
    public string? FormKey { get; set; }
    /// <summary>Local variables the task was created with (the multi-instance element variable, loopCounter).</summary>
    public JsonObject? LocalVariables { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>What the completer submitted.</summary>
    public JsonObject? Result { get; set; }
    /// <summary>Optimistic-concurrency version of the task row.</summary>
    public int Version { get; set; }

    public bool IsOpen => Status is UserTaskStatus.Created or UserTaskStatus.Claimed or UserTaskStatus.Delegated;
}
