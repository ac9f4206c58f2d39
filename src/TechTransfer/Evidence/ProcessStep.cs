using Workflows.Engine.Contracts;

namespace TechTransfer.Evidence;

/// <summary>
/// The step of a shipped process a domain command ran in: the published definition (process id, version, content hash),
/// the element and the instance. A service task's handler passes it on (<see cref="ActingUser.Step"/>); the evidence entry
/// keeps it, so the pack proves which written procedure each decision followed.
/// </summary>
public sealed record ProcessStep(DefinitionRef Definition, string ElementId, Guid InstanceId);
