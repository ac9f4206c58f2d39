using Workflows.Engine.Contracts;

namespace TechTransfer.Evidence;

/// <summary>
/// Every reassignment and delegation of a task of a case (the engine's <see cref="TaskEvent"/>, whose business key is the
/// case number) joins the case's evidence pack: who handed which step from whom to whom, and when. Delivered at least once:
/// an event already in the pack (by its id) is not written again. Tasks of processes that are no case are not ours.
/// </summary>
public sealed class TaskHandoverEvidence(EvidenceLog evidence) : ITaskEventListener
{
    public const string Reassigned = "task.reassigned";
    public const string Delegated = "task.delegated";

    public Task OnTaskEventAsync(TaskEvent taskEvent, CancellationToken ct) =>
        evidence.AppendEventOnceAsync(taskEvent.BusinessKey, taskEvent.EventId, ActingUser.Create(taskEvent.Actor),
            taskEvent.Kind == TaskEventKinds.Delegated ? Delegated : Reassigned, new
            {
                eventId = taskEvent.EventId, taskEvent.TaskId, task = taskEvent.TaskName, step = taskEvent.ElementId, process = taskEvent.ProcessId,
                from = taskEvent.From, to = taskEvent.To, at = taskEvent.At,
            }, ct);
}
