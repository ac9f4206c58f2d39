using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WorkflowHost.Api.Definitions;

/// <summary>
/// Reads an uploaded BPMN file: the raw body (<c>application/xml</c>, <c>text/xml</c>, <c>application/bpmn+xml</c>)
/// or the <c>file</c> part of a <c>multipart/form-data</c> form. At most <c>Workflows:MaxUploadBytes</c> bytes
/// (default 2 MiB) are read, whatever the client claims; more is 413, another type 415, nothing 400.
/// </summary>
public static class BpmnUpload
{
    public const string FileField = "file";
    private static readonly string[] XmlTypes = ["application/xml", "text/xml", "application/bpmn+xml", "application/octet-stream"];

    public static async Task<(string? Xml, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit) return (null, TooLarge(limit));
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
            return (null, Unsupported(request.ContentType));
        var mediaType = type.MediaType.Value ?? "";
        var body = await ReadBoundedAsync(request.Body, limit, ct);
        if (body is null) return (null, TooLarge(limit));

        if (mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
            if (string.IsNullOrEmpty(boundary)) return (null, Empty("The multipart body has no boundary."));
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            for (var section = await reader.ReadNextSectionAsync(ct); section is not null; section = await reader.ReadNextSectionAsync(ct))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, FileField, StringComparison.Ordinal)) continue;
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, ct);
                return Text(content.ToArray());
            }
            return (null, Empty($"The form has no '{FileField}' part with the BPMN file."));
        }
        if (!XmlTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)) return (null, Unsupported(mediaType));
        return Text(body);
    }

    private static (string?, ProblemHttpResult?) Text(byte[] bytes)
    {
        if (bytes.Length == 0) return (null, Empty("The BPMN file is empty."));
        var text = new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(bytes).TrimStart('\uFEFF');
        return string.IsNullOrWhiteSpace(text) ? (null, Empty("The BPMN file is empty.")) : (text, null);
    }

    /// <summary>The body, or null when it is longer than the limit (then only limit + 1 bytes were read).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(long limit) => ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "too-large",
        $"A BPMN file may have at most {limit} bytes.", new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [FileField] = [$"larger than {limit} bytes"] } });

    private static ProblemHttpResult Unsupported(string? type) => ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type",
        $"Send the BPMN file as application/xml (or text/xml, application/bpmn+xml) or as the '{FileField}' part of multipart/form-data, not as '{type ?? "(none)"}'.",
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [$"'{type ?? "(none)"}' is not accepted"] } });

    private static ProblemHttpResult Empty(string detail) => ApiProblems.Status(StatusCodes.Status400BadRequest, "bad-request", detail,
        new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [FileField] = [detail] } });
}
