namespace Workflows.Engine.Runtime.State;

/// <summary>
/// A stored version of one process: the BPMN file it came from and the process id inside it. A draft (Version 0)
/// is edited in place; a published version is immutable and numbered 1, 2, ... per process id.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>"{ProcessId}:{Version}" for published versions, "{ProcessId}:draft" for the draft.</summary>
    public required string Id { get; init; }
    public required string ProcessId { get; init; }
    public int Version { get; init; }
    public DefinitionStatus Status { get; init; }
    public string? Name { get; set; }
    public required string BpmnXml { get; set; }
    /// <summary>SHA-256 of the XML: publishing an unchanged file returns the existing version.</summary>
    public required string ContentHash { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? CreatedBy { get; init; }

    public static string MakeId(string processId, int version) => $"{processId}:{version}";
    public static string DraftId(string processId) => $"{processId}:draft";
}
