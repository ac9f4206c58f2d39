namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_instances. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
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
