namespace Workflows.Persistence.Rows;

/// <summary>A row of wf_outbox. Rows are kept apart from the engine's records so the schema can evolve (timestamps as UTC ticks, candidates as delimited text) without the engine knowing.</summary>
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
