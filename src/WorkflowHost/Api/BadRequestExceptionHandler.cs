using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace WorkflowHost.Api;

/// <summary>
/// Requests the framework could not bind (malformed JSON, a value of the wrong type, an empty body, a wrong
/// content type, a query value that is not a number): a problem-details answer with the status the framework
/// chose (400, 413, 415) and the field it concerns in <c>errors</c>, never a 500. Needs
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c>, so that binding failures reach this handler.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad) return false;
        var (field, message) = Describe(bad);
        context.Response.StatusCode = bad.StatusCode;
        var code = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "too-large",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            _ => "bad-request",
        };
        var details = new ProblemDetails
        {
            Status = bad.StatusCode, Title = code, Type = ApiProblems.TypeBase + code, Detail = message,
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = bad });
    }

    private static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var path = json.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "body";
            var why = json.Message.Split(" Path:", 2)[0];
            return (path.Length == 0 ? "body" : path, $"The JSON body is not valid at '{(path.Length == 0 ? "$" : path)}'" +
                                                    (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "") + $": {why}");
        }
        var parameter = ParameterName().Match(bad.Message);
        var field = parameter.Success ? parameter.Groups["name"].Value : "body";
        if (bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase) ||
            bad.Message.Contains("from body", StringComparison.OrdinalIgnoreCase))
            return ("body", "The request needs a JSON body.");
        return (field, bad.Message);
    }

    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex ParameterName();
}
