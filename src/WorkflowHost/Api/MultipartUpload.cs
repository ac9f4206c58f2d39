using Microsoft.AspNetCore.Http.Features;
using WorkflowHost.Application;

namespace WorkflowHost.Api;

/// <summary>
/// Reading an upload posted as multipart/form-data with its file in a part named <c>file</c>: 415 for another body, 413
/// (the caller's refusal) for a body above the file's limit plus room for the boundaries and headers, 400 on the
/// <c>file</c> field for a body that cannot be read or has no such part.
/// </summary>
public static class MultipartUpload
{
    /// <summary>Bytes a multipart body may have beyond the file itself.</summary>
    private const long Overhead = 64 * 1024;

    /// <param name="wrongType">What to send instead of another body (the 415's message).</param>
    /// <param name="noFilePart">What to send when the body has no part named <c>file</c>.</param>
    public static async Task<(IFormCollection Form, IFormFile File)> ReadAsync(HttpRequest request, long maxFileBytes, Func<Refusal> tooLarge,
        string wrongType, string noFilePart, CancellationToken ct)
    {
        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
            throw new Refusal(RefusalKind.WrongType, "unsupported-media-type", wrongType);
        var limit = maxFileBytes + Overhead;
        if (request.ContentLength > limit) throw tooLarge();
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            throw tooLarge();
        }
        catch (InvalidDataException e)
        {
            throw Refusal.Invalid("file", $"The multipart body cannot be read: {e.Message}");
        }
        return (form, form.Files.GetFile("file") ?? throw Refusal.Invalid("file", noFilePart));
    }
}
