using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Evidence;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Evidence;

/// <summary>
/// The due-diligence evidence pack of an invention (who decided what and when, votes and recusals, the notice and its
/// objections, bids, the agreement and filing), hash-chained; the office reads it and verifies the chain.
/// </summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inventions/{id:guid}/evidence").WithTags("Evidence").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", Get).WithName("GetEvidencePack").WithSummary("The evidence pack, oldest entry first, each with its payload and hashes.");
        group.MapGet("/verification", Verify).WithName("VerifyEvidencePack")
            .WithSummary("Recomputes the hash chain: intact, or the first entry where it breaks.");
        return app;
    }

    private static async Task<Ok<List<EvidenceEntry>>> Get(Guid id, HttpContext http, EvidencePackService evidence, CancellationToken ct) =>
        TypedResults.Ok(await evidence.GetAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<EvidenceVerification>> Verify(Guid id, HttpContext http, EvidencePackService evidence, CancellationToken ct) =>
        TypedResults.Ok(await evidence.VerifyAsync(http.User.ToActingUser(), id, ct));
}
