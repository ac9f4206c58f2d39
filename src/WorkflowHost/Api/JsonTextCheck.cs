using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using TechTransfer.Common;

namespace WorkflowHost.Api;

/// <summary>
/// Every string of a JSON body sent to <c>/api</c> (values and property names, however deep) is held to the product's
/// character rules (<see cref="TextRules"/>): one with NUL, another control character (TAB, CR, LF aside) or a
/// bidirectional override or isolate is refused with 400 naming its JSON path (<c>inventors[1].name</c>), before any
/// endpoint sees it. One rule for every endpoint, today's and tomorrow's: the domain and the account services check
/// their own fields again (lengths, one-line values), because the pages call them without JSON.
/// </summary>
public sealed class JsonTextCheck(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && request.HasJsonContentType() && request.ContentLength is not 0)
        {
            request.EnableBuffering();
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            request.Body.Position = 0;
            if (Find(body.GetBuffer().AsMemory(0, (int)body.Length)) is { } found)
            {
                var message = $"'{found.Path}' may not contain the character U+{(int)found.Character:X4} " +
                              (TextRules.IsBidiControl(found.Character) ? "(a bidirectional control: it makes text read differently from what it is)." : "(a control character).");
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                var details = new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest, Title = "validation", Type = ApiProblems.TypeBase + "validation",
                    Detail = "The request has invalid fields: " + found.Path + ".",
                };
                details.Extensions["code"] = "forbidden-character";
                details.Extensions["errors"] = new Dictionary<string, string[]> { [found.Path] = [message] };
                await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details });
                return;
            }
        }
        await next(context);
    }

    /// <summary>The first forbidden character and where it is; null for clean or malformed JSON (the binder answers that).</summary>
    private static (string Path, char Character)? Find(ReadOnlyMemory<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Find(document.RootElement, "");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (string Path, char Character)? Find(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return TextRules.ForbiddenCharacter(element.GetString()!) is { } c ? (path.Length == 0 ? "body" : path, c) : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (TextRules.ForbiddenCharacter(property.Name) is { } inName) return (at, inName);
                    if (Find(property.Value, at) is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (Find(item, $"{path}[{i++}]") is { } found) return found;
                return null;
            default:
                return null;
        }
    }
}
