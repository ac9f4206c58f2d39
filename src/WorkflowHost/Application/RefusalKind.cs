namespace WorkflowHost.Application;

/// <summary>
/// What kind of refusal a use case gives. Each kind maps once to an HTTP status (<c>Api/RefusalProblems</c>) and once to
/// page text (<c>Components/RefusalText</c>); the use case itself says nothing of either.
/// </summary>
public enum RefusalKind
{
    /// <summary>Nothing of that id that the caller may see (404).</summary>
    NotFound,

    /// <summary>It exists, but it is not the caller's to do (403).</summary>
    Forbidden,

    /// <summary>Not now: the case is elsewhere (a window still running, the step done already, an objection open) (409).</summary>
    Conflict,

    /// <summary>The input breaks a rule: naming the fields at fault (400), or none (422).</summary>
    Rule,

    /// <summary>A file above the size limit (413).</summary>
    TooLarge,

    /// <summary>A file, or a body, of a type not accepted (415).</summary>
    WrongType,
}
