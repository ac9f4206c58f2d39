namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_history. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
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
    public long Seq { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
    public string? Signature { get; set; }
}
