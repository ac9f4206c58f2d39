namespace Workflows.Engine.Runtime;

/// <summary>A filter on user tasks for inboxes. Null members do not filter.</summary>
public sealed record TaskQuery
{
    /// <summary>Open tasks the user may act on: assigned to them, or unassigned with them or one of <see cref="CandidateGroups"/> as candidate.</summary>
    public string? ActionableBy { get; init; }
    public IReadOnlyCollection<string>? CandidateGroups { get; init; }
    public string? Assignee { get; init; }
    public Guid? InstanceId { get; init; }
    public string? ProcessId { get; init; }
    public string? BusinessKey { get; init; }
    public bool OpenOnly { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>A filter on instances. Null members do not filter.</summary>
public sealed record InstanceQuery
{
    public string? ProcessId { get; init; }
    public string? BusinessKey { get; init; }
    public State.InstanceStatus? Status { get; init; }
    public bool? HasIncident { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}
