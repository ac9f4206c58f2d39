using System.Text.Json.Nodes;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Contracts;

/// <summary>
/// The one door the host uses into the engine (an Elsa-backed runtime could stand behind it one day).
/// Every command is one step: it runs until every token waits, then commits atomically. Version conflicts
/// with unrelated concurrent steps are retried; a real conflict (the same task completed twice) surfaces
/// as <see cref="ConcurrencyConflictException"/>.
/// </summary>
public interface IWorkflowRuntime
{
    // definitions
    /// <summary>Validates a BPMN file exactly as publishing does, without storing it.</summary>
    Parsing.BpmnParseResult Validate(string bpmnXml);
    /// <summary>Stores the file as the draft of each executable process in it (drafts may be invalid).</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> SaveDraftAsync(string bpmnXml, string? author, CancellationToken ct = default);
    /// <summary>Validates and publishes each executable process of the file as a new immutable version (an
    /// unchanged file returns the current version). Throws <see cref="DefinitionInvalidException"/>.</summary>
    Task<IReadOnlyList<WorkflowDefinitionRecord>> PublishAsync(string bpmnXml, string? author, CancellationToken ct = default);

    // instances
    Task<ProcessInstance> StartAsync(StartRequest request, CancellationToken ct = default);
    /// <summary>Delivers a message to the waiting subscriptions (by name and correlation key) and to message
    /// start events. Returns how many instances it reached (started or resumed).</summary>
    Task<int> CorrelateMessageAsync(string messageName, string? correlationKey, JsonObject? variables, CancellationToken ct = default);
    /// <summary>Broadcasts a signal: every subscription of that name in every instance fires (with the variables set where
    /// they live), and each process whose latest version has a signal start event of that name starts, all in one step.
    /// Returns how many instances it reached (resumed or started); none is not an error.</summary>
    Task<int> BroadcastSignalAsync(string signalName, JsonObject? variables, string? sentBy = null, CancellationToken ct = default);
    /// <summary>Wakes a due bookmark (timer, reminder, retry). Does nothing if it is gone.</summary>
    Task FireAsync(Guid bookmarkId, CancellationToken ct = default);
    Task CancelInstanceAsync(Guid instanceId, Actor actor, string? reason, CancellationToken ct = default);
    /// <summary>Sets process variables of an instance (administrators); recorded with the values before and after
    /// (an <see cref="InstanceOperatedEvent"/>).</summary>
    Task SetVariablesAsync(Guid instanceId, JsonObject variables, Actor actor, CancellationToken ct = default);
    /// <summary>Cancels the activity a token is at and starts a token at another activity of the same scope, in one step
    /// (administrators; recorded as an <see cref="InstanceOperatedEvent"/>).</summary>
    Task MoveTokenAsync(TokenMoveRequest request, Actor actor, CancellationToken ct = default);

    /// <summary>What migrating running instances to another version would move where, and what would stop it. Changes nothing.</summary>
    Task<MigrationPlan> PlanMigrationAsync(MigrationRequest request, CancellationToken ct = default);
    /// <summary>Moves the selected running instances to the target version in one atomic step, re-running nothing;
    /// throws <see cref="MigrationRefusedException"/> (nothing changed) when any instance cannot move. Administrators only.</summary>
    Task<MigrationPlan> MigrateInstancesAsync(MigrationRequest request, Actor actor, CancellationToken ct = default);

    // user tasks
    Task CompleteTaskAsync(Guid taskId, Actor actor, JsonObject? variables, CancellationToken ct = default);
    Task ClaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default);
    Task UnclaimTaskAsync(Guid taskId, Actor actor, CancellationToken ct = default);
    /// <summary>Hands the task to another user; it comes back to the delegator when the delegate resolves it.</summary>
    Task DelegateTaskAsync(Guid taskId, Actor actor, string delegateUserId, CancellationToken ct = default);
    Task ResolveTaskAsync(Guid taskId, Actor actor, JsonObject? variables, CancellationToken ct = default);
    /// <summary>Changes the assignee outright (administrators and the current assignee).</summary>
    Task ReassignTaskAsync(Guid taskId, Actor actor, string? newAssignee, CancellationToken ct = default);

    // incidents
    /// <summary>Runs the failed service task again at the activity where it failed.</summary>
    Task RetryIncidentAsync(Guid incidentId, Actor actor, CancellationToken ct = default);
    /// <summary>Sets <paramref name="variables"/> where the failed activity sees them (its scope: where each lives, else the
    /// process) and runs it again, in one step; recorded with the values before and after (an <see cref="InstanceOperatedEvent"/>).</summary>
    Task RetryIncidentAsync(Guid incidentId, Actor actor, JsonObject? variables, string? reason, CancellationToken ct = default);
    /// <summary>The variables the failed activity of an open incident sees (its scope's over the process's), for editing before a retry.</summary>
    Task<JsonObject> GetIncidentScopeVariablesAsync(Guid incidentId, CancellationToken ct = default);

    // after a restart
    /// <summary>Hands every stored due bookmark to the scheduler again (idempotent) and runs due outbox work.</summary>
    Task RecoverAsync(CancellationToken ct = default);
}

public sealed record StartRequest
{
    public required string ProcessId { get; init; }
    /// <summary>Null: the latest published version.</summary>
    public int? Version { get; init; }
    public string? BusinessKey { get; init; }
    public JsonObject? Variables { get; init; }
    public string? StartedBy { get; init; }
}
