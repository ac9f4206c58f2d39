namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_incidents. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
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
