using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Evidence;
using WorkflowHost.Application;
using WorkflowHost.Domain;
using WorkflowHost.Domain.EvidencePacks;
using WorkflowHost.Identity;
using WorkflowHost.Security;
using Workflows.Persistence;
using Workflows.Persistence.Sealing;

namespace WorkflowHost.Api.Evidence;

/// <summary>
/// The due-diligence evidence pack of an invention (who decided what and when, votes and recusals, the notice and its
/// objections, bids, the agreement and filing), hash-chained and sealed; the office reads it and verifies the case, and
/// anyone of the office fetches the record seal's public key, which is all an auditor needs to check the signatures.
/// </summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inventions/{id:guid}/evidence").WithTags("Evidence").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", Get).WithName("GetEvidencePack").WithSummary("The evidence pack, oldest entry first, each with its payload and hashes.");
        group.MapGet("/verification", Verify).WithName("VerifyEvidencePack")
            .WithSummary("Verifies the case: the evidence chain, its signatures and its checkpoints outside the database, the live pricing, agreement and revenue rows, and the engine's history of the case's instances; intact, or the first problem.");
        group.MapGet("/pack.zip", Export).WithName("ExportEvidencePack")
            .WithSummary("The evidence pack as one ZIP for an auditor: the entries exactly as signed, the signed checkpoint, the attachments, a readable PDF (lang=zh-CN or en; default the caller's language), the public key, a manifest of every file's SHA-256 and the record seal's signature over it. Check it offline with `wf evidence verify`.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/v1/record-seal", PublicKey).WithTags("Evidence").RequireAuthorization(Policies.Office).WithName("GetRecordSealPublicKey")
            .WithSummary("The record seal's public key (PEM) and its id: what an auditor verifies signatures and checkpoints with.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<List<EvidenceEntry>>> Get(Guid id, HttpContext http, EvidencePackService evidence, CancellationToken ct) =>
        TypedResults.Ok(await evidence.GetAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<CaseVerificationResult>> Verify(Guid id, HttpContext http, CaseVerification verification, CancellationToken ct) =>
        TypedResults.Ok(await verification.VerifyAsync(http.User.ToActingUser(), id, ct));

    private static async Task<IResult> Export(Guid id, string? lang, HttpContext http, EvidencePackExport export, CancellationToken ct)
    {
        var language = string.IsNullOrWhiteSpace(lang)
            ? CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Languages.Chinese : Languages.English
            : Languages.Normalize(lang) ?? (lang.Trim().Equals("zh", StringComparison.OrdinalIgnoreCase) ? Languages.Chinese : null)
              ?? throw Refusal.Invalid("lang", $"'{lang[..Math.Min(lang.Length, 20)]}' is not a language of the report: zh-CN or en.");
        // Built in an owner-only temporary file (deleted when sent): a half-written ZIP is never served, and a large one is not held in memory.
        var temp = OwnerOnlyFiles.CreateNew(Path.Combine(Path.GetTempPath(), $"wf-pack-{Guid.NewGuid():N}.zip"), FileAccess.ReadWrite,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous, 81920);
        try
        {
            var name = await export.ExportAsync(http.User.ToActingUser(), id, CultureInfo.GetCultureInfo(language), temp, ct);
            temp.Position = 0;
            return TypedResults.File(temp, "application/zip", name);
        }
        catch (EvidencePackFontMissingException e)
        {
            await temp.DisposeAsync();
            // Not a refusal of the caller's request: the server lacks its font, and says so.
            return ApiProblems.Status(StatusCodes.Status503ServiceUnavailable, "evidence-pack-font", e.Message);
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    private static Ok<RecordSealKey> PublicKey(Ed25519RecordSeal seal) => TypedResults.Ok(new RecordSealKey(seal.KeyId, "Ed25519", seal.PublicKeyPem));
}

/// <summary>The record seal's public key.</summary>
public sealed record RecordSealKey(string KeyId, string Algorithm, string PublicKeyPem);
