namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_definitions. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
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
