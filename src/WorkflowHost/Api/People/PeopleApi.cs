using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.People;

/// <summary>
/// <c>GET /api/v1/people?q=&amp;role=</c>, the people picker (<see cref="PeopleLookup"/>): id and display name only, at
/// most 20. Anyone signed in may find inventors (<c>role=inventor</c>, by display name) to name co-inventors; any other
/// search (to delegate or reassign a task) needs the engine views (the office and administrators), else 403.
/// </summary>
public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/people", Find).WithTags("People").RequireAuthorization(Policies.SignedIn).WithName("FindPeople")
            .WithSummary("People whose name contains q, optionally holding a role: id and display name, at most 20. Inventors for anyone signed in; anyone else for the office and administrators.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PeopleLookup.Person>>, ValidationProblem, ProblemHttpResult>> Find(string? q, string? role,
        HttpContext http, IAuthorizationService authorization, PeopleLookup people, CancellationToken ct)
    {
        if (q is { Length: > 100 }) return ApiProblems.Invalid("q", "Search with at most 100 characters.");
        if (role is not null && !Roles.All.Contains(role.Trim(), StringComparer.OrdinalIgnoreCase))
            return ApiProblems.Invalid("role", $"role must be one of: {string.Join(", ", Roles.All)}.");
        var seesEveryone = (await authorization.AuthorizeAsync(http.User, Policies.EngineViews)).Succeeded;
        if (!seesEveryone && !PeopleLookup.IsInventorSearch(role))
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "forbidden",
                detail: "You may look up inventors only (role=inventor); finding anyone else is for the office and administrators.");
        return TypedResults.Ok(await people.FindAsync(q, role?.Trim(), ct, matchSignInName: seesEveryone));
    }
}
