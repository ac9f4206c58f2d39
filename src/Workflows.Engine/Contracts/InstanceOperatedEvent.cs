using System.Text.Json.Nodes;

namespace Workflows.Engine.Contracts;

/// <summary>
/// An administrator repaired a running instance by hand (as in Camunda Cockpit): changed its variables, retried a failed
/// activity (perhaps with new values in its scope), or moved a token from one activity to another. Written to the outbox in
/// the operation's own transaction and handed to every <see cref="IInstanceOperationListener"/> after the commit, at least
/// once (<see cref="EventId"/> is stable). The engine says which instance (and the business key of its root, when the
/// instance was called), what changed, from what to what, who did it and why; what that means for a case is the listener's.
/// </summary>
public sealed record InstanceOperatedEvent
{
    /// <summary>See <see cref="InstanceOperationKinds"/>.</summary>
    public required string Kind { get; init; }
    public required Guid EventId { get; init; }
    public required Guid InstanceId { get; init; }
    public required string ProcessId { get; init; }
    /// <summary>The instance's business key, else that of the instance that called it (its root).</summary>
    public string? BusinessKey { get; init; }
    /// <summary>The activity it is about: the failed one retried, or the one a token left.</summary>
    public string? ElementId { get; init; }
    /// <summary>A moved token's target activity.</summary>
    public string? ToElementId { get; init; }
    public Guid? IncidentId { get; init; }
    /// <summary>The variables changed, each with its value before and after (a confidential value shows as sealed).</summary>
    public IReadOnlyList<VariableChange> Changes { get; init; } = [];
    public string? Reason { get; init; }
    /// <summary>Who did it.</summary>
    public required string Actor { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>One variable an operation changed: its value before (null: it did not exist) and after.</summary>
public sealed record VariableChange(string Name, JsonNode? Before, JsonNode? After);

public static class InstanceOperationKinds
{
    public const string VariablesChanged = "variables-changed";
    public const string IncidentRetried = "incident-retried";
    public const string TokenMoved = "token-moved";
}

/// <summary>Told of every <see cref="InstanceOperatedEvent"/> (registered with the host's services, as task-event listeners are).</summary>
public interface IInstanceOperationListener
{
    Task OnInstanceOperatedAsync(InstanceOperatedEvent operated, CancellationToken ct);
}
