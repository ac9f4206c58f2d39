using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Localization;

namespace WorkflowHost.Api;

/// <summary>RFC 9457 answers the endpoint handlers return themselves (the engine's failures go through <see cref="WorkflowExceptionHandler"/>).</summary>
public static class ApiProblems
{
    public const string TypeBase = "https://workflowhost.org/problems/";

    /// <summary>400 naming each field and what is wrong with it; the title and the default detail in the caller's language
    /// (the fields by their labels), the stable code in <c>code</c>.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors,
            detail: detail ?? ProblemMessages.Sentence("Problem_invalid-fields", string.Join(ProblemMessages.Sentence("List_Separator"), errors.Keys.Select(ProblemMessages.Label))),
            type: TypeBase + "validation", title: ProblemMessages.Title(StatusCodes.Status400BadRequest),
            extensions: new Dictionary<string, object?> { ["code"] = "validation" });

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem(ProblemMessages.Describe("not-found", $"{what} '{id}' was not found.", []),
            statusCode: StatusCodes.Status404NotFound, title: ProblemMessages.Title(StatusCodes.Status404NotFound), type: TypeBase + "not-found",
            extensions: new Dictionary<string, object?> { ["code"] = "not-found" });

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: ProblemMessages.Title(StatusCodes.Status403Forbidden), type: TypeBase + "forbidden",
            extensions: new Dictionary<string, object?> { ["code"] = "forbidden" });

    public static ProblemHttpResult Status(int status, string code, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: ProblemMessages.Title(status), type: TypeBase + code,
            extensions: new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code });
}
