using Microsoft.AspNetCore.Http.HttpResults;

namespace WorkflowHost.Api;

/// <summary>RFC 9457 answers the endpoint handlers return themselves (the engine's failures go through <see cref="WorkflowExceptionHandler"/>).</summary>
public static class ApiProblems
{
    public const string TypeBase = "https://workflowhost.org/problems/";

    /// <summary>400 naming each field and what is wrong with it.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "The request has invalid fields: " + string.Join(", ", errors.Keys) + ".",
            type: TypeBase + "validation", title: "validation");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string what, object id) =>
        TypedResults.Problem($"{what} '{id}' was not found.", statusCode: StatusCodes.Status404NotFound, title: "not-found", type: TypeBase + "not-found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "forbidden", type: TypeBase + "forbidden");

    public static ProblemHttpResult Status(int status, string code, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: code, type: TypeBase + code, extensions: extensions);
}
