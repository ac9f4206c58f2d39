using Microsoft.AspNetCore.Diagnostics;
using TechTransfer;
using WorkflowHost.Application;
using WorkflowHost.Localization;

namespace WorkflowHost.Api;

/// <summary>
/// A use case's or the domain's refusal as problem details (<see cref="RefusalProblems"/>): not found 404, forbidden 403,
/// a state conflict 409 (a window still running, an objection open), a broken rule naming its field 400 with
/// <c>errors</c>, one naming none 422, a file too large 413 or of a type not accepted 415. The engine's own failures go
/// through <see cref="WorkflowExceptionHandler"/>, which adds their diagnostics.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not (Refusal or TechTransferException) || Refusal.From(exception) is not { } refusal) return false;
        ProblemMessages.UseRequestCulture(context);
        var details = RefusalProblems.Of(refusal);
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
