using TechTransfer;
using Workflows.Engine.Contracts;

namespace WorkflowHost.Application;

/// <summary>
/// A use case's refusal, in no protocol's terms: its <see cref="RefusalKind"/>, a stable <see cref="Code"/> for programs
/// (<c>no-open-step</c>, <c>already-voted</c>), an English message, and the inputs at fault. The REST API answers it as
/// problem details (<c>Api/RefusalProblems</c>), a page shows it in the reader's language (<c>Components/RefusalText</c>).
/// The domain's and the engine's own refusals are read as one (<see cref="From"/>), so both mappings hold for all three.
/// </summary>
public sealed class Refusal(RefusalKind kind, string code, string message, IDictionary<string, string[]>? errors = null,
    IReadOnlyList<string>? fields = null) : Exception(message)
{
    public RefusalKind Kind { get; } = kind;

    public string Code { get; } = code;

    /// <summary>The use case's own words for each input at fault (keys as the input's: <c>reason</c>, <c>variables.price</c>).</summary>
    public IDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>The inputs at fault of a refusal whose sentence its code gives (the domain's), named by their labels in it.</summary>
    public IReadOnlyList<string> Fields { get; } = fields ?? [];

    /// <summary>The first input at fault, beside which a page shows the refusal; null when it concerns no one input.</summary>
    public string? Field => Errors?.Keys.FirstOrDefault() ?? (Fields.Count > 0 ? Fields[0] : null);

    /// <summary>Whether the refusal names inputs at fault (a broken rule that does is answered 400, one that does not 422).</summary>
    public bool NamesFields => Errors is { Count: > 0 } || Fields.Count > 0;

    /// <summary>One input is missing or wrong.</summary>
    public static Refusal Invalid(string field, string message) =>
        new(RefusalKind.Rule, "validation", message, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Several inputs are wrong, each with its own words (a form's fields).</summary>
    public static Refusal Invalid(string message, IDictionary<string, string[]> errors) => new(RefusalKind.Rule, "validation", message, errors);

    public static Refusal NotFound(string what, object id) => new(RefusalKind.NotFound, "not-found", $"{what} '{id}' was not found.");

    public static Refusal Forbidden(string message, string code = "forbidden") => new(RefusalKind.Forbidden, code, message);

    public static Refusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);

    /// <summary>The refusal an exception carries (ours, the domain's, the engine's); null for anything else, which is a
    /// fault to surface, not a refusal to show.</summary>
    public static Refusal? From(Exception e) => e switch
    {
        Refusal refusal => refusal,
        TechTransferException domain => new(KindOf(domain), domain.Code, domain.Message, fields: domain.Fields),
        WorkflowException engine => new(KindOf(engine), engine.Code, engine.Message),
        _ => null,
    };

    /// <summary>The domain's refusal kinds, and its file refusals, which are about size and type, not a rule of the case.</summary>
    public static RefusalKind KindOf(TechTransferException e) => e.Kind switch
    {
        DomainErrorKind.NotFound => RefusalKind.NotFound,
        DomainErrorKind.Forbidden => RefusalKind.Forbidden,
        DomainErrorKind.Conflict => RefusalKind.Conflict,
        _ when e.Code is "file-too-large" => RefusalKind.TooLarge,
        _ when e.Code is "file-type" or "file-type-mismatch" => RefusalKind.WrongType,
        _ => RefusalKind.Rule,
    };

    /// <summary>The engine's typed failures: anything it does not name is a state that moved on (a conflict).</summary>
    public static RefusalKind KindOf(WorkflowException e) => e switch
    {
        NotFoundException => RefusalKind.NotFound,
        ForbiddenException => RefusalKind.Forbidden,
        DefinitionInvalidException or MigrationRefusedException or TokenMoveRefusedException => RefusalKind.Rule,
        _ => RefusalKind.Conflict,
    };
}
