using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Identity;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Tasks;

/// <summary>My saved inbox filters (<see cref="UserTaskFilters"/>): only my own are listed, saved and deleted.</summary>
public static class TaskFiltersApi
{
    public sealed record SaveBody(string? Name, string? Query);

    public static IEndpointRouteBuilder MapTaskFiltersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/task-filters").WithTags("Tasks").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List).WithName("MyTaskFilters").WithSummary("My saved inbox filters, by name: each is the inbox's query string.");
        group.MapPost("", Save).WithName("SaveTaskFilter")
            .WithSummary("Saves the inbox's query string under a name (the same name again replaces it); 201 with the filter.")
            .ProducesValidationProblem();
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteTaskFilter")
            .WithSummary("Deletes one of my saved filters (404 for an unknown id or another user's filter).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserTaskFilters.SavedFilter>>> List(ClaimsPrincipal user, UserTaskFilters filters, CancellationToken ct) =>
        TypedResults.Ok(await filters.ListAsync(user.ToActor().UserId, ct));

    private static async Task<Results<Created<UserTaskFilters.SavedFilter>, ValidationProblem>> Save(SaveBody body, ClaimsPrincipal user,
        UserTaskFilters filters, CancellationToken ct)
    {
        var (saved, errors) = await filters.SaveAsync(user.ToActor().UserId, body.Name, body.Query, ct);
        return saved is null ? ApiProblems.Invalid(errors) : TypedResults.Created($"/api/v1/me/task-filters/{saved.Id}", saved);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ClaimsPrincipal user, UserTaskFilters filters, CancellationToken ct) =>
        await filters.DeleteAsync(user.ToActor().UserId, id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound("Task filter", id);
}
