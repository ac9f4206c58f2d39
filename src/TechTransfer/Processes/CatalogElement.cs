namespace TechTransfer.Processes;

/// <summary>One element code refers to: the process it must be in, its id (for a message catch: the message's name) and its kind.</summary>
public sealed record CatalogElement(string ProcessId, string Id, CatalogElementKind Kind);
