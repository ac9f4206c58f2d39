using Microsoft.AspNetCore.Mvc;
using WorkflowHost.Application;
using WorkflowHost.Localization;

namespace WorkflowHost.Api;

/// <summary>
/// The one mapping of a refusal (<see cref="Refusal"/>: a use case's, the domain's, the engine's) to problem details:
/// its kind gives the status, its code the <c>code</c> extension and the type, its inputs at fault the <c>errors</c>; the
/// title and the detail are in the caller's language (<see cref="ProblemMessages"/>), fields named by their labels.
/// </summary>
public static class RefusalProblems
{
    public static int StatusOf(RefusalKind kind, bool namesFields) => kind switch
    {
        RefusalKind.NotFound => StatusCodes.Status404NotFound,
        RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
        RefusalKind.Conflict => StatusCodes.Status409Conflict,
        RefusalKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalKind.WrongType => StatusCodes.Status415UnsupportedMediaType,
        _ => namesFields ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity,
    };

    public static int StatusOf(Refusal refusal) => StatusOf(refusal.Kind, refusal.NamesFields);

    /// <summary>
    /// The problem details of a refusal. A use case's own words for its fields are kept under <c>errors</c>; a refusal
    /// whose code gives the sentence (the domain's) has that sentence, naming the fields, as the detail and beside each field.
    /// </summary>
    public static ProblemDetails Of(Refusal refusal)
    {
        var status = StatusOf(refusal);
        var detail = ProblemMessages.Describe(refusal.Code, refusal.Message, refusal.Fields);
        var details = new ProblemDetails
        {
            Status = status, Title = ProblemMessages.Title(status), Detail = detail, Type = ApiProblems.TypeBase + refusal.Code,
        };
        details.Extensions["code"] = refusal.Code;
        var errors = refusal.Errors
                     ?? (refusal.Fields.Count > 0 ? refusal.Fields.Distinct().ToDictionary(f => f, _ => new[] { detail }) : null);
        if (errors is not null) details.Extensions["errors"] = errors;
        return details;
    }
}
