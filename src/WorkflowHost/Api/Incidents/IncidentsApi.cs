using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Incidents;

/// <summary>Incidents (service tasks that kept failing): listed for the office, retried at the failed activity by workflow administrators.</summary>
public static class IncidentsApi
{
    public sealed record IncidentView(Guid Id, Guid InstanceId, string ElementId, string TokenId, string Message, string? Details, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Policies.EngineViews)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListIncidents").WithSummary("Every open incident, oldest first.");
        group.MapGet("/{id:guid}", Get).WithName("GetIncident").WithSummary("One incident, open or resolved.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/retry", Retry).WithName("RetryIncident").RequireAuthorization(Policies.WorkflowAdministrator)
            .WithSummary("Runs the failed activity again (after the cause was fixed); 409 if it was already resolved.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<IncidentView>>> List(IWorkflowQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.GetOpenIncidentsAsync(null, ct)).Select(ToView).ToList());

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Get(Guid id, IWorkflowQueries queries, CancellationToken ct) =>
        await queries.GetIncidentAsync(id, ct) is { } incident ? TypedResults.Ok(ToView(incident)) : ApiProblems.NotFound("Incident", id);

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Retry(Guid id, HttpContext http, IWorkflowRuntime runtime,
        IWorkflowQueries queries, CancellationToken ct)
    {
        await runtime.RetryIncidentAsync(id, http.User.ToActor(), ct);
        return TypedResults.Ok(ToView((await queries.GetIncidentAsync(id, ct))!));
    }

    internal static IncidentView ToView(Incident i) =>
        new(i.Id, i.InstanceId, i.ElementId, i.TokenId, i.Message, i.Details, i.Attempts, i.CreatedAt, i.ResolvedAt, i.ResolvedBy);
}
