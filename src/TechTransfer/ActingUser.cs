namespace TechTransfer;

/// <summary>
/// Who performs a domain command: a user id, the roles they hold, and the committees they sit on (and chair). The
/// host builds it from its accounts; the domain knows nothing of HTTP or claims. <see cref="Process"/> is a running
/// workflow acting through a service task: the engine has already checked who completed the task before it.
/// </summary>
public sealed record ActingUser(string UserId, IReadOnlySet<string> Roles, IReadOnlyCollection<CommitteeSeat> Committees)
{
    public bool IsProcess { get; private init; }

    /// <summary>The process step the command runs in (a service task's), recorded with its evidence; null for a direct request.</summary>
    public Evidence.ProcessStep? Step { get; init; }

    public static ActingUser Create(string userId, params string[] roles) =>
        new(userId, new HashSet<string>(roles, StringComparer.OrdinalIgnoreCase), []);

    /// <summary>A workflow step acting on behalf of <paramref name="onBehalfOf"/> (the user whose task led to it), or the process itself.</summary>
    public static ActingUser Process(string? onBehalfOf) =>
        new(string.IsNullOrWhiteSpace(onBehalfOf) ? "process" : onBehalfOf, new HashSet<string>(StringComparer.OrdinalIgnoreCase), []) { IsProcess = true };

    public bool Has(string role) => IsProcess || Roles.Contains(role);
    public bool HasAny(params string[] roles) => IsProcess || roles.Any(Roles.Contains);

    /// <summary>The office: technology managers and the office head.</summary>
    public bool IsOffice => HasAny(DomainRoles.TechnologyManager, DomainRoles.OfficeHead);

    public ActingUser WithCommittee(string committeeId, bool chair = false) =>
        this with { Committees = [.. Committees, new CommitteeSeat(committeeId, chair)] };
}

/// <summary>A seat on a committee.</summary>
public sealed record CommitteeSeat(string CommitteeId, bool IsChair);
