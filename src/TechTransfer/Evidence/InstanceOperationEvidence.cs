using Workflows.Engine.Contracts;

namespace TechTransfer.Evidence;

/// <summary>
/// Every repair an administrator makes to a running process of a case (the engine's <see cref="InstanceOperatedEvent"/>,
/// whose business key is the case number, or its caller's) joins the case's evidence pack: who changed which variables from
/// what to what, which failed step they retried, which step they moved the process from and to, why, and when. Delivered
/// at least once: an event already in the pack (by its id) is not written again. Processes that are no case are not ours.
/// </summary>
public sealed class InstanceOperationEvidence(EvidenceLog evidence) : IInstanceOperationListener
{
    public const string VariablesChanged = "workflow.variables-changed";
    public const string IncidentRetried = "workflow.incident-retried";
    public const string TokenMoved = "workflow.token-moved";

    public Task OnInstanceOperatedAsync(InstanceOperatedEvent operated, CancellationToken ct) =>
        evidence.AppendEventOnceAsync(operated.BusinessKey, operated.EventId, ActingUser.Create(operated.Actor), operated.Kind switch
        {
            InstanceOperationKinds.IncidentRetried => IncidentRetried,
            InstanceOperationKinds.TokenMoved => TokenMoved,
            _ => VariablesChanged,
        }, new
        {
            eventId = operated.EventId, operated.InstanceId, process = operated.ProcessId,
            step = operated.ElementId, from = operated.ElementId, to = operated.ToElementId, operated.IncidentId,
            changes = operated.Changes.Select(c => new { name = c.Name, before = c.Before, after = c.After }),
            operated.Reason, at = operated.At,
        }, ct);
}
