using System.Text.Json.Nodes;

namespace WorkflowHost.Application.Inventions;

/// <summary>The invention's file as <see cref="InventionActions.DetailAsync"/> gives it to the REST API and the pages: the
/// invention, its process status, the open steps and the timeline the caller may see.</summary>
public sealed record InventionDetail(InventionView Invention, string ProcessStatus, Guid? ProcessInstanceId, IReadOnlyList<OpenStep> OpenSteps,
    IReadOnlyList<TimelineEntry> Timeline);

/// <summary>A step of the case's processes open now, and who may do it.</summary>
public sealed record OpenStep(Guid TaskId, string ProcessId, string ElementId, string? Name, DateTimeOffset? DueAt, string? Assignee,
    IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers);

/// <summary>One recorded decision or event; <c>Facts</c> are its recorded facts (decision, reasons, figures) as written.</summary>
public sealed record TimelineEntry(int Sequence, DateTimeOffset At, string Action, JsonNode? Facts);
