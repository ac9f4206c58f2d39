namespace Workflows.Persistence.Rows;

// Table rows, one class per table, kept apart from the engine's records so that the schema can evolve
// (timestamps as UTC ticks, candidate lists as delimited text) without the engine knowing.

public sealed class DefinitionRow
{
    public string Id { get; set; } = "";
    public string ProcessId { get; set; } = "";
    public int Version { get; set; }
    public int Status { get; set; }
    public string? Name { get; set; }
    public string BpmnXml { get; set; } = "";
    public string ContentHash { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? PublishedAt { get; set; }
    public string? CreatedBy { get; set; }
}

public sealed class InstanceRow
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public string ProcessId { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public int Status { get; set; }
    public string State { get; set; } = "";
    public int Version { get; set; }
    public Guid? ParentInstanceId { get; set; }
    public string? ParentTokenId { get; set; }
    public Guid? RootInstanceId { get; set; }
    public long StartedAt { get; set; }
    public long? EndedAt { get; set; }
    public string? StartedBy { get; set; }
    public int OpenIncidents { get; set; }
}

public sealed class TaskRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string TokenId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string? Name { get; set; }
    public string ProcessId { get; set; } = "";
    public string? BusinessKey { get; set; }
    public int Status { get; set; }
    public string? Assignee { get; set; }
    public string? Owner { get; set; }
    /// <summary>"|alice|bob|": a LIKE '%|alice|%' finds a candidate on both databases.</summary>
    public string CandidateUsers { get; set; } = "";
    /// <summary>"|tech-manager|": lower case.</summary>
    public string CandidateGroups { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? DueAt { get; set; }
    public long? FollowUpAt { get; set; }
    public int Priority { get; set; }
    public string? FormKey { get; set; }
    public string? LocalVariables { get; set; }
    public long? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Result { get; set; }
    public int Version { get; set; }
}

public sealed class BookmarkRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string TokenId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public int Kind { get; set; }
    public long? DueAt { get; set; }
    public string? MessageName { get; set; }
    public string? CorrelationKey { get; set; }
    public string? Data { get; set; }
    public long CreatedAt { get; set; }
}

public sealed class HistoryRow
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public int Event { get; set; }
    public string? ElementId { get; set; }
    public string? ElementType { get; set; }
    public string? TokenId { get; set; }
    public string? Actor { get; set; }
    public long At { get; set; }
    public string? Data { get; set; }
}

public sealed class IncidentRow
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string TokenId { get; set; } = "";
    public string ElementId { get; set; } = "";
    public string Message { get; set; } = "";
    public string? Details { get; set; }
    public int Attempts { get; set; }
    public long CreatedAt { get; set; }
    public long? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}

public sealed class OutboxRow
{
    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public string Payload { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public long? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}
