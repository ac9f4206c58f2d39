using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Common;
using TechTransfer.Licensing;
using TechTransfer.OpenLicences;
using WorkflowHost.Api.Agreements;
using WorkflowHost.Security;

namespace WorkflowHost.Api.OpenLicences;

/// <summary>
/// Open licences (开放许可) as their own path, beside the process's pricing: the office declares the fee method and rate
/// and the licence term of a granted patent, records its publication (from then on it is in force) or its withdrawal,
/// and records each party that notified in writing and paid: each takes an ordinary licence at the declared terms,
/// with its recordal due like every licence. Refusals name their field (400) or say what stands in the way (409).
/// </summary>
public static class OpenLicencesApi
{
    public sealed record DeclarationBody(string? FeeMethod, decimal? LumpSum, decimal? RoyaltyRate, string? RoyaltyBase, string? PaymentTerms,
        int? LicenceTermMonths);
    public sealed record PublicationBody(string? PublishedOn, string? Reference);
    public sealed record WithdrawalBody(string? Reason);
    public sealed record NoticeBody(string? Licensee, string? NotifiedOn, decimal? AmountPaid, string? PaidOn, string? PaymentReference);
    /// <summary>A declaration with its fee as one line and the licences taken under it.</summary>
    public sealed record DeclarationView(OpenLicenceDeclaration Declaration, string Fee, bool InForce, IReadOnlyList<Agreement> Licences);

    public static IEndpointRouteBuilder MapOpenLicencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Open licences").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/inventions/{id:guid}/open-licence-declarations", Declare).WithName("DeclareOpenLicence")
            .WithSummary("Declares an open licence (开放许可声明) of the granted patent: feeMethod (lump-sum, royalty, lump-sum-and-royalty), lumpSum, royaltyRate (%) and royaltyBase, paymentTerms, licenceTermMonths; 409 before grant, while an exclusive or sole licence is in force, after an assignment, or beside another declaration.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/inventions/{id:guid}/open-licence-declarations", List).WithName("ListOpenLicenceDeclarations")
            .WithSummary("The invention's open-licence declarations, in force or not, with the licences taken under each.");
        group.MapGet("/open-licence-declarations/{id:guid}", Get).WithName("GetOpenLicenceDeclaration")
            .WithSummary("An open-licence declaration with the licences taken under it.");
        group.MapPost("/open-licence-declarations/{id:guid}/publication", Publish).WithName("RecordOpenLicencePublication")
            .WithSummary("Records that the declaration was published (publishedOn, reference of the announcement): from then on it is in force.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/open-licence-declarations/{id:guid}/withdrawal", Withdraw).WithName("WithdrawOpenLicence")
            .WithSummary("Withdraws the declaration (reason): no new licence under it; the licences taken stay in force.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/open-licence-declarations/{id:guid}/licences", Take).WithName("TakeOpenLicence")
            .WithSummary("Records a party's written notice and payment (licensee, notifiedOn, amountPaid, paidOn, paymentReference): it takes an ordinary licence at the declared terms, its recordal due; 400 below the declared fee, 409 when the declaration is not in force.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Created<DeclarationView>> Declare(Guid id, DeclarationBody body, HttpContext http, OpenLicenceService open, CancellationToken ct)
    {
        var method = body.FeeMethod is null ? (OpenLicenceFeeMethod?)null : Names.Parse<OpenLicenceFeeMethod>(body.FeeMethod, "feeMethod");
        var declaration = await open.DeclareAsync(http.User.ToActingUser(), id, new OpenLicenceTerms(method, body.LumpSum, body.RoyaltyRate,
            body.RoyaltyBase, body.PaymentTerms, body.LicenceTermMonths), ct);
        return TypedResults.Created($"/api/v1/open-licence-declarations/{declaration.Id}", new DeclarationView(declaration, declaration.FeeSummary(), false, []));
    }

    private static async Task<Ok<List<DeclarationView>>> List(Guid id, HttpContext http, OpenLicenceService open, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var views = new List<DeclarationView>();
        foreach (var declaration in await open.ListAsync(actor, id, ct)) views.Add(await ViewAsync(actor, declaration, open, ct));
        return TypedResults.Ok(views);
    }

    private static async Task<Ok<DeclarationView>> Get(Guid id, HttpContext http, OpenLicenceService open, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        return TypedResults.Ok(await ViewAsync(actor, await open.GetAsync(actor, id, ct), open, ct));
    }

    private static async Task<Ok<DeclarationView>> Publish(Guid id, PublicationBody body, HttpContext http, OpenLicenceService open, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var day = body.PublishedOn is null ? (DateOnly?)null : AgreementsApi.Day(body.PublishedOn, "publishedOn");
        return TypedResults.Ok(await ViewAsync(actor, await open.RecordPublicationAsync(actor, id, day, body.Reference, ct), open, ct));
    }

    private static async Task<Ok<DeclarationView>> Withdraw(Guid id, WithdrawalBody body, HttpContext http, OpenLicenceService open, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        return TypedResults.Ok(await ViewAsync(actor, await open.WithdrawAsync(actor, id, body.Reason, ct), open, ct));
    }

    private static async Task<Created<Agreement>> Take(Guid id, NoticeBody body, HttpContext http, OpenLicenceService open, CancellationToken ct)
    {
        var notified = body.NotifiedOn is null ? (DateOnly?)null : AgreementsApi.Day(body.NotifiedOn, "notifiedOn");
        var paid = body.PaidOn is null ? (DateOnly?)null : AgreementsApi.Day(body.PaidOn, "paidOn");
        var licence = await open.TakeLicenceAsync(http.User.ToActingUser(), id,
            new OpenLicenceNotice(body.Licensee, notified, body.AmountPaid, paid, body.PaymentReference), ct);
        return TypedResults.Created($"/api/v1/agreements/{licence.Id}", licence);
    }

    private static async Task<DeclarationView> ViewAsync(TechTransfer.ActingUser actor, OpenLicenceDeclaration declaration, OpenLicenceService open,
        CancellationToken ct) =>
        new(declaration, declaration.FeeSummary(), declaration.Status == OpenLicenceDeclarationStatus.Published, await open.LicencesAsync(actor, declaration.Id, ct));
}
