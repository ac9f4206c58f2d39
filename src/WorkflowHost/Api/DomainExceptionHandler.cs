using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using TechTransfer;
using WorkflowHost.Localization;

namespace WorkflowHost.Api;

/// <summary>
/// A domain refusal as problem details: not found 404, forbidden 403, a state conflict 409 (a window still running, an
/// objection open), a broken rule naming its field 400 with <c>errors</c>, one naming none 422. The refusal's stable
/// code is the <c>code</c> extension (and the type), its fields the <c>errors</c> keys; the title and the detail are in
/// the caller's language, fields named by their labels (<see cref="ProblemMessages"/>).
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        ProblemMessages.UseRequestCulture(context);
        if (exception is ApiProblemException refusal)
            return await WriteAsync(context, refusal, refusal.Status, refusal.Code, ProblemMessages.Describe(refusal.Code, refusal.Message, []), refusal.Errors);
        if (exception is not TechTransferException e) return false;
        var detail = ProblemMessages.Describe(e);
        return await WriteAsync(context, e, StatusOf(e), e.Code, detail,
            e.Fields.Count > 0 ? e.Fields.Distinct().ToDictionary(f => f, _ => new[] { detail }) : null);
    }

    private async ValueTask<bool> WriteAsync(HttpContext context, Exception e, int status, string code, string detail, IDictionary<string, string[]>? errors)
    {
        context.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = ProblemMessages.Title(status), Detail = detail, Type = ApiProblems.TypeBase + code };
        details.Extensions["code"] = code;
        if (errors is not null) details.Extensions["errors"] = errors;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = e });
    }

    public static int StatusOf(TechTransferException e) => e.Kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        _ when e.Code is "file-too-large" => StatusCodes.Status413PayloadTooLarge,
        _ when e.Code is "file-type" or "file-type-mismatch" => StatusCodes.Status415UnsupportedMediaType,
        _ when e.Field is not null => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };
}
