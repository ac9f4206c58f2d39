using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Committees;
using WorkflowHost.Application.Reviews;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Reviews;

/// <summary>
/// Committee reviews. A member declares a conflict (and is recused) or votes with a reason by completing their own
/// vote task of the committee-review process; the chair alone closes the vote (the process's close task) with the
/// minutes and attendance. The handlers call <see cref="ReviewActions"/>, as the committee room does. Nobody sees the others' votes before the close (the domain's view hides them); a review is
/// private to its committee and the office (404 for anyone else).
/// </summary>
public static class ReviewsApi
{
    public sealed record VoteBody(VoteChoice? Vote, string? Reason);
    public sealed record ConflictBody(string? Statement);
    public sealed record CloseBody(string? Minutes, List<string>? Attendance);
    public sealed record AbsenceBody(string? MemberId, string? Note);

    public static IEndpointRouteBuilder MapReviewsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Committee reviews").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/inventions/{id:guid}/reviews", List).WithName("ListReviews")
            .WithSummary("The invention's committee reviews I may see (the office; members and chair of the committee).");
        group.MapGet("/reviews/{id:guid}", Get).WithName("GetReview")
            .WithSummary("A review: members, recusals, ballots cast, my own vote; the votes and the tally only once the chair has closed it.");
        group.MapPost("/reviews/{id:guid}/conflict", DeclareConflict).WithName("DeclareConflict")
            .WithSummary("A member declares a related-party tie and is recused from this review (instead of voting).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/reviews/{id:guid}/vote", CastVote).WithName("CastVote")
            .WithSummary("A member votes approve, reject or abstain with a reason; once, and never when recused (403).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/reviews/{id:guid}/absences", RecordAbsence).WithName("RecordAbsence")
            .WithSummary("The chair records a member who has not voted as absent: their ballot is no longer awaited, their vote step ends, the evidence says so (403 for anyone else; 409 if they voted or are recused).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/reviews/{id:guid}/close", Close).WithName("CloseReview")
            .WithSummary("The chair closes the vote with the minutes and attendance (403 for anyone else; 409 while ballots are outstanding).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<ReviewView>>> List(Guid id, HttpContext http, ReviewActions reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.ListForInventionAsync(http.User, id, ct));

    private static async Task<Ok<ReviewView>> Get(Guid id, HttpContext http, ReviewActions reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.GetAsync(http.User, id, ct));

    private static async Task<Ok<ReviewView>> DeclareConflict(Guid id, ConflictBody body, HttpContext http, ReviewActions reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.DeclareConflictAsync(http.User, id, body.Statement, ct));

    private static async Task<Ok<ReviewView>> CastVote(Guid id, VoteBody body, HttpContext http, ReviewActions reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.VoteAsync(http.User, id, body.Vote, body.Reason, ct));

    private static async Task<Ok<ReviewView>> RecordAbsence(Guid id, AbsenceBody body, HttpContext http, ReviewActions reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.RecordAbsenceAsync(http.User, id, body.MemberId, body.Note, ct));

    private static async Task<Ok<ReviewView>> Close(Guid id, CloseBody body, HttpContext http, ReviewActions reviews, CancellationToken ct) =>
        TypedResults.Ok(await reviews.CloseAsync(http.User, id, body.Minutes, body.Attendance, ct));
}
