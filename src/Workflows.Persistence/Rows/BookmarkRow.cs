namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_bookmarks. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
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
