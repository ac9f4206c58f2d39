namespace Workflows.Engine.Contracts;

/// <summary>
/// A running instance was moved to another published version of its process (<see cref="IWorkflowRuntime"/>'s migration).
/// Written to the outbox in the migration's own transaction and handed to every <see cref="IInstanceMigrationListener"/>
/// after the commit, at least once (<see cref="EventId"/> is stable). The engine says which instance, from which version
/// to which (with their content hashes) and who moved it; what that means for a case is the listener's business.
/// </summary>
public sealed record InstanceMigratedEvent
{
    public required Guid EventId { get; init; }
    public required Guid InstanceId { get; init; }
    public string? BusinessKey { get; init; }
    public required DefinitionRef From { get; init; }
    public required DefinitionRef To { get; init; }
    /// <summary>Source element id -> target element id, as the migration was asked to map them (same ids left out).</summary>
    public IReadOnlyDictionary<string, string> Mapping { get; init; } = new Dictionary<string, string>();
    /// <summary>Who migrated it.</summary>
    public required string Actor { get; init; }
    public required DateTimeOffset At { get; init; }
}

/// <summary>Told of every <see cref="InstanceMigratedEvent"/> (registered with the host's services, as task-event listeners are).</summary>
public interface IInstanceMigrationListener
{
    Task OnInstanceMigratedAsync(InstanceMigratedEvent migrated, CancellationToken ct);
}
