using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace WorkflowHost.Api;

/// <summary>
/// Reads a JSON request body by hand, so that every way it can be wrong becomes a 4xx problem-details answer
/// naming the field (minimal APIs' own binding throws in Development and answers without a body otherwise):
/// empty, too large (413), not JSON, a value of the wrong type, or a member the endpoint does not know.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, bool required, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0 || buffer.ToArray().All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return required ? (null, Invalid("body", "A JSON object is required.")) : (null, null);
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), Options);
            return value is null ? (null, Invalid("body", "A JSON object is required, not null.")) : (value, null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            var message = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"Unknown member: {e.Message.Split('\'').ElementAtOrDefault(1) ?? field}."
                : e.Message;
            return (null, Invalid(field, message));
        }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        ApiProblems.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large.",
            detail: $"At most {maxBytes / 1024} KB are accepted.");
}
