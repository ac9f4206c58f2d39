namespace WorkflowHost.Application.Inventions;

/// <summary>Where a case is on its diagrams: the main process first, then each stage it called, oldest first.</summary>
public sealed record CaseProgress(Guid InventionId, string CaseNumber, IReadOnlyList<StageDiagram> Diagrams);

/// <summary>One instance on its diagram (the version it runs on): elements done and elements active now.</summary>
public sealed record StageDiagram(string ProcessId, int Version, Guid InstanceId, string Status, Guid? CalledBy, DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt, IReadOnlyList<string> Done, IReadOnlyList<string> Active);
