namespace Workflows.Engine.Runtime;

/// <summary>A filter on user tasks for inboxes. Null members do not filter.</summary>
public sealed record TaskQuery
{
    /// <summary>Open tasks the user may act on: assigned to them, or unassigned with them or one of <see cref="CandidateGroups"/> as candidate.</summary>
    public string? ActionableBy { get; init; }
    public IReadOnlyCollection<string>? CandidateGroups { get; init; }
    public string? Assignee { get; init; }
    public Guid? InstanceId { get; init; }
    public string? ProcessId { get; init; }
    public string? ElementId { get; init; }
    public string? BusinessKey { get; init; }
    /// <summary>Business key (case number) containing this text, ignoring case (a search box).</summary>
    public string? BusinessKeyContains { get; init; }
    /// <summary>
    /// With <see cref="BusinessKeyContains"/>: business keys that match the search as well (the host's look-up of the
    /// cases whose title holds the text; the engine knows nothing of titles).
    /// </summary>
    public IReadOnlyCollection<string>? BusinessKeyContainsOrIn { get; init; }
    /// <summary>Business key among these (a set the host looked up: the cases of one stage or college). Empty matches nothing.</summary>
    public IReadOnlyCollection<string>? BusinessKeyIn { get; init; }
    /// <summary>Due strictly before this time (an overdue filter passes "now").</summary>
    public DateTimeOffset? DueBefore { get; init; }
    /// <summary>Due at or after this time.</summary>
    public DateTimeOffset? DueAfter { get; init; }
    /// <summary>Follow-up date strictly before this time.</summary>
    public DateTimeOffset? FollowUpBefore { get; init; }
    /// <summary>Follow-up date at or after this time.</summary>
    public DateTimeOffset? FollowUpAfter { get; init; }
    /// <summary>
    /// Process variables that must have these values (all of them): a text value matches a string variable of that
    /// text, or a number or boolean written the same way (<c>5</c>, <c>true</c>). See <see cref="TaskVariableFilter"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
    public bool OpenOnly { get; init; } = true;
    /// <summary>Default: priority (highest first), then due date, then creation.</summary>
    public TaskSort Sort { get; init; } = TaskSort.Priority;
    /// <summary>Null: the natural order (priority highest first; dates earliest first, tasks without one last).</summary>
    public bool? Descending { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>The orders an inbox can be sorted by; ties are broken by creation time, then id, so pages are stable.</summary>
public enum TaskSort { Priority = 0, Created = 1, Due = 2, FollowUp = 3 }

/// <summary>A filter on instances. Null members do not filter.</summary>
public sealed record InstanceQuery
{
    public string? ProcessId { get; init; }
    public int? DefinitionVersion { get; init; }
    public string? BusinessKey { get; init; }
    public State.InstanceStatus? Status { get; init; }
    public bool? HasIncident { get; init; }
    /// <summary>Instances started by a call activity of this instance.</summary>
    public Guid? ParentInstanceId { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 100;
}

/// <summary>How many instances run on one published version, and how many there are in all.</summary>
public sealed record VersionInstanceCount(string ProcessId, int Version, int Running, int Total);
