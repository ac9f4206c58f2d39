namespace Workflows.Engine.Contracts;

/// <summary>
/// Moves running instances of a process to another published version of it. Elements whose id exists in both
/// versions map to themselves; <see cref="Mapping"/> names the rest (source element id -> target element id)
/// and overrides same-id pairs.
/// </summary>
public sealed record MigrationRequest
{
    public required string ProcessId { get; init; }
    public required int TargetVersion { get; init; }
    /// <summary>Only instances on this version (null: every version other than the target).</summary>
    public int? SourceVersion { get; init; }
    /// <summary>Only these instances (null: every running instance the versions select).</summary>
    public IReadOnlyCollection<Guid>? InstanceIds { get; init; }
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }
}

/// <summary>What a migration would do (a plan) or did: per instance, what moves where, and what stops it.</summary>
/// <remarks><paramref name="MappingProblems"/> are faults of the mapping itself (names of elements that do not exist).</remarks>
public sealed record MigrationPlan(string ProcessId, int TargetVersion, string TargetDefinitionId,
    IReadOnlyList<InstanceMigrationPlan> Instances, IReadOnlyList<MigrationProblem> MappingProblems)
{
    public bool CanMigrate => MappingProblems.Count == 0 && Instances.All(i => i.Problems.Count == 0);
    public IEnumerable<MigrationProblem> Problems => MappingProblems.Concat(Instances.SelectMany(i => i.Problems));
}

public sealed record InstanceMigrationPlan(Guid InstanceId, string? BusinessKey, int SourceVersion,
    IReadOnlyList<MigrationMove> Moves, IReadOnlyList<MigrationProblem> Problems);

/// <summary>
/// One thing that moves: a token ("token", with its waiting <c>Wait</c>: userTask, timer, message, callActivity,
/// serviceTask, join, scope...), a scope, or a bookmark that is re-created ("timer", "message", "reminder", "retry").
/// </summary>
public sealed record MigrationMove(string What, string SourceElementId, string TargetElementId, string? TokenId = null,
    Guid? TaskId = null, DateTimeOffset? DueAt = null, string? Wait = null);

/// <summary>Why an instance cannot move: a stable code, the element concerned and a sentence.</summary>
public sealed record MigrationProblem(Guid? InstanceId, string Code, string? ElementId, string Message);

public static class MigrationProblemCodes
{
    public const string UnknownSourceElement = "unknown-source-element";
    public const string UnknownTargetElement = "unknown-target-element";
    public const string MissingMapping = "missing-mapping";
    public const string IncompatibleTarget = "incompatible-target";
    public const string WrongContainer = "wrong-container";
    public const string NotRunning = "not-running";
    public const string WrongProcess = "wrong-process";
    public const string AlreadyOnTarget = "already-on-target";
    public const string UnknownInstance = "unknown-instance";
}

/// <summary>The migration was refused and nothing changed; carries every problem found. HTTP 422.</summary>
public sealed class MigrationRefusedException(IReadOnlyList<MigrationProblem> problems)
    : WorkflowException("migration-refused", "The migration was refused: " + string.Join("; ", problems.Take(10).Select(p => p.Message)) +
                                             (problems.Count > 10 ? $" (and {problems.Count - 10} more)" : ""))
{
    public IReadOnlyList<MigrationProblem> Problems { get; } = problems;
}
