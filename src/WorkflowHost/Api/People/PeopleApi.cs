using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.People;

/// <summary>
/// <c>GET /api/v1/people?role=inventor&amp;q=</c>: for any signed-in user, the holders of a searchable role (inventors) whose
/// display name contains <c>q</c>, as id and display name only, at most 20. For naming co-inventors on a disclosure.
/// </summary>
public static class PeopleApi
{
    public static IEndpointRouteBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/people", Find).WithTags("People").RequireAuthorization(Policies.SignedIn).WithName("FindPeople")
            .WithSummary("People of a role (only 'inventor') whose display name contains q: id and display name, at most 20, for naming co-inventors.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<PeopleDirectory.Person>>, ValidationProblem>> Find(string? role, string? q, PeopleDirectory people,
        CancellationToken ct)
    {
        var known = PeopleDirectory.SearchableRoles.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["role"] = [$"Say which people to find: role must be one of {string.Join(", ", PeopleDirectory.SearchableRoles)}."],
            });
        if (q is { Length: > 100 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = ["The search text may have at most 100 characters."] });
        return TypedResults.Ok(await people.FindAsync(known, q, ct));
    }
}
