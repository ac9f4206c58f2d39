namespace Workflows.Engine.Runtime.State;

/// <summary>A running or ended process instance, pinned to the definition version it started on.</summary>
public sealed class ProcessInstance
{
    public required Guid Id { get; init; }
    /// <summary>Changed only by a migration to another version of the same process.</summary>
    public required string DefinitionId { get; set; }
    public required string ProcessId { get; init; }
    public required int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public InstanceStatus Status { get; set; }
    /// <summary>Tokens, scopes and variables: the whole execution state, stored as one JSON document.</summary>
    public required InstanceState State { get; set; }
    /// <summary>Optimistic-concurrency version: incremented by every committed step.</summary>
    public int Version { get; set; }
    public Guid? ParentInstanceId { get; init; }
    /// <summary>The caller's token waiting in a call activity.</summary>
    public string? ParentTokenId { get; init; }
    public Guid? RootInstanceId { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? StartedBy { get; init; }
    /// <summary>Number of open incidents (a quick flag for lists).</summary>
    public int OpenIncidents { get; set; }
}
