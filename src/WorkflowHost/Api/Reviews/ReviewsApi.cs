using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Committees;
using TechTransfer.Inventions;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Reviews;

/// <summary>
/// Committee reviews. A member declares a conflict (and is recused) or votes with a reason by completing their own
/// vote task of the committee-review process; the chair alone closes the vote (the process's close task) with the
/// minutes and attendance. Nobody sees the others' votes before the close (the domain's view hides them); a review is
/// private to its committee and the office (404 for anyone else).
/// </summary>
public static class ReviewsApi
{
    public sealed record VoteBody(VoteChoice? Vote, string? Reason);
    public sealed record ConflictBody(string? Statement);
    public sealed record CloseBody(string? Minutes, List<string>? Attendance);

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
        group.MapPost("/reviews/{id:guid}/close", Close).WithName("CloseReview")
            .WithSummary("The chair closes the vote with the minutes and attendance (403 for anyone else; 409 while ballots are outstanding).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<ReviewView>>> List(Guid id, HttpContext http, InventionService inventions, CommitteeService committees,
        CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        await inventions.GetAsync(actor, id, ct); // 404 for an inventor not on it
        var views = new List<ReviewView>();
        foreach (var review in await committees.ListAsync(actor, id, ct)) views.Add(await committees.GetAsync(actor, review.Id, ct));
        return TypedResults.Ok(views);
    }

    private static async Task<Ok<ReviewView>> Get(Guid id, HttpContext http, CommitteeService committees, CancellationToken ct) =>
        TypedResults.Ok(await committees.GetAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<ReviewView>> DeclareConflict(Guid id, ConflictBody body, HttpContext http, CommitteeService committees,
        InventionService inventions, ProcessSteps steps, CancellationToken ct)
    {
        var (actor, view, caseNumber) = await MemberAsync(id, http, committees, inventions, ct);
        if (string.IsNullOrWhiteSpace(body.Statement))
            throw ApiProblemException.Invalid("statement", "Describe the tie (relative, buyer, economic interest).");
        if (view.Recused.Contains(actor.UserId))
            throw new ApiProblemException(StatusCodes.Status409Conflict, "already-recused", "You have already declared a conflict on this review.");
        await steps.CompleteAsync(http.User, caseNumber, "Task_Vote",
            new JsonObject { ["conflict"] = true, ["conflictStatement"] = body.Statement.Trim() }, "declare a conflict on this review", ct);
        return TypedResults.Ok(await committees.GetAsync(actor, id, ct));
    }

    private static async Task<Ok<ReviewView>> CastVote(Guid id, VoteBody body, HttpContext http, CommitteeService committees, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var (actor, view, caseNumber) = await MemberAsync(id, http, committees, inventions, ct);
        if (view.Recused.Contains(actor.UserId))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "recused",
                "You declared a conflict of interest on this review and are recused: you cannot vote.");
        if (view.MyVote is not null)
            throw new ApiProblemException(StatusCodes.Status409Conflict, "already-voted", "You have already voted on this review.");
        if (body.Vote is not { } vote) throw ApiProblemException.Invalid("vote", "Vote approve, reject or abstain.");
        if (string.IsNullOrWhiteSpace(body.Reason)) throw ApiProblemException.Invalid("reason", "Give the reason for your vote.");
        await steps.CompleteAsync(http.User, caseNumber, "Task_Vote",
            new JsonObject { ["conflict"] = false, ["vote"] = Names.Kebab(vote), ["reason"] = body.Reason.Trim() }, "vote on this review", ct);
        return TypedResults.Ok(await committees.GetAsync(actor, id, ct));
    }

    private static async Task<Ok<ReviewView>> Close(Guid id, CloseBody body, HttpContext http, CommitteeService committees, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var view = await committees.GetAsync(actor, id, ct);
        if (view.ChairId != actor.UserId)
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "forbidden", "Only the committee's chair closes the review.");
        if (view.Status != ReviewStatus.Open)
            throw new ApiProblemException(StatusCodes.Status409Conflict, "review-closed", "The review is closed.");
        if (string.IsNullOrWhiteSpace(body.Minutes)) throw ApiProblemException.Invalid("minutes", "The minutes are required.");
        if (body.Attendance is not { Count: > 0 }) throw ApiProblemException.Invalid("attendance", "List the members present (user ids).");
        var stranger = body.Attendance.FirstOrDefault(a => !view.Members.Contains(a) && a != view.ChairId);
        if (stranger is not null) throw ApiProblemException.Invalid("attendance", $"{stranger} is not on the committee.");
        var invention = await inventions.GetAsync(actor, view.InventionId, ct);
        await steps.CompleteAsync(http.User, invention.CaseNumber, "Task_Close",
            new JsonObject { ["minutes"] = body.Minutes.Trim(), ["attendance"] = string.Join(",", body.Attendance) }, "close the vote", ct);
        return TypedResults.Ok(await committees.GetAsync(actor, id, ct));
    }

    /// <summary>The review as a member of it sees it, and its case number; 404 for strangers, 403 for the office (not a member).</summary>
    private static async Task<(ActingUser Actor, ReviewView View, string CaseNumber)> MemberAsync(Guid id, HttpContext http, CommitteeService committees,
        InventionService inventions, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var view = await committees.GetAsync(actor, id, ct);
        if (!view.Members.Contains(actor.UserId))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "forbidden", "Only the committee's members vote on a review.");
        if (view.Status != ReviewStatus.Open)
            throw new ApiProblemException(StatusCodes.Status409Conflict, "review-closed", "The review is closed.");
        var invention = await inventions.GetAsync(actor, view.InventionId, ct);
        return (actor, view, invention.CaseNumber);
    }
}
