namespace Workflows.Persistence.Rows;

/// <summary>
/// The columns of a task the inbox filters and sorts by, held by the task's row and by each of its inbox rows
/// (<see cref="TaskCandidateRow"/>), so that one filter serves both.
/// </summary>
public interface IInboxColumns
{
    Guid InstanceId { get; }
    string ProcessId { get; }
    string ElementId { get; }
    string? BusinessKey { get; }
    long CreatedAt { get; }
    long? DueAt { get; }
    long? FollowUpAt { get; }
    int Priority { get; }
}
