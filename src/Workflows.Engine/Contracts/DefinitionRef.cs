namespace Workflows.Engine.Contracts;

/// <summary>
/// A published version of a process, as a record of what a step ran under: its id (<c>process:version</c>), process id,
/// version and the SHA-256 of its BPMN (<c>ContentHash</c>), which published versions never change.
/// </summary>
public sealed record DefinitionRef(string DefinitionId, string ProcessId, int Version, string ContentHash);
