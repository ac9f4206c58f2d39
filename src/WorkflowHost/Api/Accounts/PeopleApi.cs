using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Accounts;

/// <summary>
/// A people picker for the office (delegate or reassign a task to someone by name): id and display name only, at most
/// 20 (<see cref="PeopleLookup"/>). The administrators' full user list stays under <c>/api/v1/users</c>.
/// </summary>
public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/people", Find).WithTags("People").RequireAuthorization(Policies.EngineViews).WithName("FindPeople")
            .WithSummary("People whose name (or email) contains q, optionally holding a role: id and display name, at most 20.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesValidationProblem();
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PeopleLookup.Person>>, ValidationProblem>> Find(string? q, string? role, PeopleLookup people, CancellationToken ct)
    {
        if (q is { Length: > 100 }) return ApiProblems.Invalid("q", "Search with at most 100 characters.");
        if (role is not null && !Roles.All.Contains(role, StringComparer.OrdinalIgnoreCase))
            return ApiProblems.Invalid("role", $"role must be one of: {string.Join(", ", Roles.All)}.");
        return TypedResults.Ok(await people.FindAsync(q, role, ct));
    }
}
