using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Accounts;

/// <summary>System administrators manage committees: create, rename, add and remove members, set the chair.</summary>
public static class CommitteesApi
{
    public sealed record NewCommittee(string? Code, string? Name);
    public sealed record NameBody(string? Name);
    public sealed record MemberBody(string? UserId, bool Chair = false);
    public sealed record ChairBody(string? UserId);

    public static IEndpointRouteBuilder MapCommitteesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/committees").RequireAuthorization(Policies.Administrator).WithTags("Committees")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("", List).WithSummary("Lists the committees with their members and chair.");
        group.MapGet("/{code}", Get).WithSummary("One committee by its code.");
        group.MapPost("", Create).WithSummary("Creates a committee (its code is the group name BPMN files use).");
        group.MapPut("/{code}", Rename).WithSummary("Renames a committee.");
        group.MapPost("/{code}/members", AddMember).WithSummary("Adds a member, optionally as the chair.");
        group.MapDelete("/{code}/members/{userId}", RemoveMember).WithSummary("Removes a member.");
        group.MapPut("/{code}/chair", SetChair).WithSummary("Makes a member the chair (one chair per committee).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CommitteeService.CommitteeView>>> List(CommitteeService committees, CancellationToken ct) =>
        TypedResults.Ok(await committees.ListAsync(ct));

    private static async Task<Results<Ok<CommitteeService.CommitteeView>, NotFound>> Get(string code, CommitteeService committees, CancellationToken ct) =>
        await committees.GetAsync(code, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<CommitteeService.CommitteeView>, ValidationProblem>> Create(NewCommittee body, CommitteeService committees, CancellationToken ct)
    {
        var (created, failure) = await committees.CreateAsync(body.Code?.Trim(), body.Name, ct);
        return created is null ? Problem(failure!) : TypedResults.Created($"/api/v1/committees/{created.Code}", created);
    }

    private static async Task<Results<Ok<CommitteeService.CommitteeView>, ProblemHttpResult, ValidationProblem>> Rename(
        string code, NameBody body, CommitteeService committees, CancellationToken ct) =>
        await Answer(code, await committees.RenameAsync(code, body.Name, ct), committees, ct);

    private static async Task<Results<Ok<CommitteeService.CommitteeView>, ProblemHttpResult, ValidationProblem>> AddMember(
        string code, MemberBody body, CommitteeService committees, CancellationToken ct) =>
        await Answer(code, await committees.AddMemberAsync(code, body.UserId?.Trim(), body.Chair, ct), committees, ct);

    private static async Task<Results<Ok<CommitteeService.CommitteeView>, ProblemHttpResult, ValidationProblem>> RemoveMember(
        string code, string userId, CommitteeService committees, CancellationToken ct) =>
        await Answer(code, await committees.RemoveMemberAsync(code, userId, ct), committees, ct);

    private static async Task<Results<Ok<CommitteeService.CommitteeView>, ProblemHttpResult, ValidationProblem>> SetChair(
        string code, ChairBody body, CommitteeService committees, CancellationToken ct) =>
        await Answer(code, await committees.SetChairAsync(code, body.UserId?.Trim(), ct), committees, ct);

    private static async Task<Results<Ok<CommitteeService.CommitteeView>, ProblemHttpResult, ValidationProblem>> Answer(
        string code, CommitteeService.Failure? failure, CommitteeService committees, CancellationToken ct)
    {
        // A 404 that says what is missing (the committee, or the member).
        if (failure is { NotFound: true })
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: failure.Message,
                extensions: new Dictionary<string, object?> { ["field"] = failure.Field });
        if (failure is not null) return Problem(failure);
        return TypedResults.Ok((await committees.GetAsync(code, ct))!);
    }

    private static ValidationProblem Problem(CommitteeService.Failure failure) =>
        ApiProblems.Invalid(new Dictionary<string, string[]> { [failure.Field] = [failure.Message] });
}
