using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.NoticeBoard;
using WorkflowHost.Application.Pricing;
using WorkflowHost.Security.RateLimiting;

namespace WorkflowHost.Api.NoticeBoard;

/// <summary>
/// The public notice board for anyone, without signing in: the postings (public notices, listings, open-licence
/// declarations; never a draft), an Atom feed and a JSON Feed for a university website or a technology market to embed,
/// and objections to a running notice with a name and a contact (rate-limited per client address; the process is told
/// as for any objection). The pages are <c>/board</c> and <c>/board/{id}</c>.
/// </summary>
public static class NoticeBoardApi
{
    public sealed record PublicObjectionBody(string? Name, string? Contact, string? Text);
    public sealed record ObjectionReceipt(Guid Id, Guid NoticeId, DateTimeOffset LodgedAt);

    /// <summary>How long a reader (or a cache between) may keep the board's answers: short, since a notice's window ends to the minute.</summary>
    public const string CacheControl = "public, max-age=60";

    public static IEndpointRouteBuilder MapNoticeBoardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/board").WithTags("Notice board").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", List).WithName("ListBoard")
            .WithSummary("The public notice board, newest first: current and past public notices, listings and open-licence declarations, each with the text shown and its SHA-256 (no sign-in).");
        group.MapGet("/{id:guid}", Get).WithName("GetBoardPosting")
            .WithSummary("One posting of the public notice board (no sign-in).").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/objections", Object).WithName("LodgePublicObjection")
            .WithSummary("Lodges an objection to a running public notice without an account (name, contact, reason); rate-limited per client address; refused once the window has closed.")
            .RequireRateLimiting(PublicObjectionPolicy.Name)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var feeds = app.MapGroup("/board").AllowAnonymous().ExcludeFromDescription();
        feeds.MapGet("/feed.atom", Atom);
        feeds.MapGet("/feed.json", JsonFeed);
        return app;
    }

    private static async Task<Ok<List<BoardEntry>>> List(HttpContext http, NoticeBoardService board, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(await board.ListAsync(ct: ct));
    }

    private static async Task<Ok<BoardEntry>> Get(Guid id, HttpContext http, NoticeBoardService board, CancellationToken ct)
    {
        var entry = await board.FindAsync(id, ct) ?? throw TechTransferException.NotFound("Posting", id);
        http.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(entry);
    }

    private static async Task<Created<ObjectionReceipt>> Object(Guid id, PublicObjectionBody body, PricingActions pricing, CancellationToken ct)
    {
        var objection = await pricing.ObjectPubliclyAsync(id, body.Name, body.Contact, body.Text, ct);
        return TypedResults.Created($"/api/v1/board/{id}", new ObjectionReceipt(objection.Id, id, objection.RaisedAt));
    }

    private static async Task<IResult> Atom(HttpContext http, NoticeBoardService board, NoticeBoardFeeds feeds, CancellationToken ct) =>
        Cached(http, feeds.Atom(await board.ListAsync(NoticeBoardFeeds.Items, ct)), "application/atom+xml; charset=utf-8");

    private static async Task<IResult> JsonFeed(HttpContext http, NoticeBoardService board, NoticeBoardFeeds feeds, CancellationToken ct) =>
        Cached(http, feeds.Json(await board.ListAsync(NoticeBoardFeeds.Items, ct)), "application/feed+json; charset=utf-8");

    /// <summary>The feed with a short public cache life and a strong ETag, so an embedding site polls cheaply (304 when unchanged).</summary>
    private static IResult Cached(HttpContext http, string body, string contentType)
    {
        var etag = $"\"{BoardText.Sha256(body)[..32]}\"";
        http.Response.Headers.CacheControl = CacheControl;
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Select(t => t.Trim()).Contains(etag)))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Text(body, contentType);
    }
}
