using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Disclosures;
using WorkflowHost.Application;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Attachments;

/// <summary>
/// A disclosure's files. Uploads are multipart/form-data with one part named <c>file</c>; the domain keeps them outside
/// the web root under generated names, checks the size (413) and the type from the bytes (415). Downloads are always
/// attachments with the detected type and <c>X-Content-Type-Options: nosniff</c>, so nothing uploaded renders inline.
/// </summary>
public static class AttachmentsApi
{
    /// <param name="Document">Which document of the evidence pack it is (listing-record, auction-record, signed-contract, ...), or null.</param>
    public sealed record AttachmentView(Guid Id, Guid InventionId, string FileName, long Size, string ContentType, string Sha256, string UploadedBy,
        DateTimeOffset UploadedAt, string? Document);

    public static IEndpointRouteBuilder MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Attachments").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/inventions/{id:guid}/attachments", Upload).WithName("UploadAttachment")
            // No antiforgery token (the page's script posts it): under the cookie, RequestOriginCheck asks for this site's
            // Origin and the X-Requested-With header, which no other site's page can send; bearer clients need neither.
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Attaches a file (multipart/form-data, part 'file'; optional part 'document' naming the evidence document it is: listing-record, auction-record, signed-contract, contract-registration, recordal-notice, payment-proof, leadership-minutes, committee-minutes, valuation-report, the office's alone) to an invention: its inventors or the office; 413 above the size limit, 415 for a type not accepted.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapGet("/inventions/{id:guid}/attachments", List).WithName("ListAttachments")
            .WithSummary("The invention's files (for those who may see the invention).");
        group.MapGet("/attachments/{id:guid}/content", Download).WithName("DownloadAttachment")
            .WithSummary("Downloads a file as an attachment (never inline), with its detected type and nosniff.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        group.MapDelete("/attachments/{id:guid}", Delete).WithName("DeleteAttachment")
            .WithSummary("Removes a file of a draft or returned disclosure (its inventors or the office), recorded in the evidence as attachment.removed; 409 attachment-in-record for a submitted disclosure's file or an evidence document.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<AttachmentView>> Upload(Guid id, HttpRequest request, AttachmentService attachments, TechTransferOptions options,
        CancellationToken ct)
    {
        var (form, file) = await MultipartUpload.ReadAsync(request, options.Attachments.MaxBytes, () => TooLarge(options),
            "Upload the file as multipart/form-data, in a part named 'file'.", "Send the file in a part named 'file'.", ct);
        await using var content = file.OpenReadStream();
        var document = form.TryGetValue("document", out var kind) && !string.IsNullOrWhiteSpace(kind.ToString())
            ? Names.Parse<DocumentKind>(kind.ToString(), "document") : (DocumentKind?)null;
        var attachment = await attachments.UploadAsync(request.HttpContext.User.ToActingUser(), id, file.FileName, file.ContentType, content, document, ct);
        return TypedResults.Created($"/api/v1/attachments/{attachment.Id}/content", View(attachment));
    }

    private static Refusal TooLarge(TechTransferOptions options) =>
        new(RefusalKind.TooLarge, "file-too-large", $"A file may have at most {options.Attachments.MaxBytes} bytes.",
            new Dictionary<string, string[]> { ["file"] = [$"A file may have at most {options.Attachments.MaxBytes} bytes."] });

    private static async Task<Ok<List<AttachmentView>>> List(Guid id, HttpContext http, AttachmentService attachments, CancellationToken ct) =>
        TypedResults.Ok((await attachments.ListAsync(http.User.ToActingUser(), id, ct)).Select(View).ToList());

    private static async Task<FileStreamHttpResult> Download(Guid id, HttpContext http, AttachmentService attachments, CancellationToken ct)
    {
        var (attachment, content) = await attachments.OpenAsync(http.User.ToActingUser(), id, ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // The detected type is one of the accepted ones (never HTML); the file name makes it Content-Disposition: attachment.
        return TypedResults.File(content, attachment.DetectedType, attachment.FileName);
    }

    private static async Task<NoContent> Delete(Guid id, HttpContext http, AttachmentService attachments, CancellationToken ct)
    {
        await attachments.DeleteAsync(http.User.ToActingUser(), id, ct);
        return TypedResults.NoContent();
    }

    private static AttachmentView View(Attachment a) =>
        new(a.Id, a.InventionId, a.FileName, a.Size, a.DetectedType, a.Sha256, a.UploadedBy, a.UploadedAt, a.Document is { } d ? Names.Kebab(d) : null);
}
