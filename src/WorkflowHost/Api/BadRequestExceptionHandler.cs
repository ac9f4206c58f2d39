using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WorkflowHost.Api;

/// <summary>
/// A request body or parameter that cannot be read (malformed JSON, a number where text belongs, a wrong content
/// type) answers 400/415 problem details naming the field, in every environment, never 500.
/// <c>ThrowOnBadRequest</c> is on, so minimal APIs hand every such failure to this handler.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        var details = new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read", Detail = bad.Message };
        if (bad.InnerException is JsonException { Path: { Length: > 0 } path } json)
        {
            // "$.roles[0]" -> "roles[0]": the field as the body spells it
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            details.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [json.Message.Split(" Path:")[0]] };
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
