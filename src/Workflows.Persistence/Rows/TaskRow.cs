namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_tasks. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
public sealed class TaskRow : IInboxColumns
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
