using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Application;
using WorkflowHost.Application.Incidents;
using WorkflowHost.Localization;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Incidents;

/// <summary>
/// Incidents (service tasks that kept failing): listed for the office with their case number and, in the reader's language,
/// what it means for the case (<c>summary</c>); the failing handler's own message stays beside it for workflow administrators.
/// Workflow administrators read the variables the failed step sees, retry it (with corrected values in its scope), as
/// Camunda Cockpit does; each retry joins the case's evidence.
/// </summary>
public static class IncidentsApi
{
    public sealed record IncidentView(Guid Id, Guid InstanceId, string ElementId, string TokenId, string Message, string? Details, int Attempts,
        DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? CaseNumber = null, Guid? RootInstanceId = null,
        string? StepName = null, string? Summary = null);
    public sealed record RetryBody(JsonObject? Variables, string? Reason);
    public sealed record ScopeVariables(Guid IncidentId, Guid InstanceId, string ElementId, IReadOnlyList<string> Names, JsonObject Variables, bool DataWithheld);

    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents").RequireAuthorization(Policies.EngineViews)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/", List).WithName("ListIncidents")
            .WithSummary("Every open incident, oldest first, with its case number (its caller's, for a called process), optionally of one case only.");
        group.MapGet("/{id:guid}", Get).WithName("GetIncident").WithSummary("One incident, open or resolved.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/variables", Variables).WithName("GetIncidentVariables").RequireAuthorization(Policies.WorkflowAdministrator)
            .WithSummary("The variables the failed step sees (its scope's over the process's), to correct before a retry; values withheld for a case whose data the caller may not see.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/retry", Retry).WithName("RetryIncident").RequireAuthorization(Policies.WorkflowAdministrator)
            .WithSummary("Runs the failed activity again, after setting the given variables where it sees them (optional body {variables, reason}); recorded in the case's evidence; 409 if it was already resolved.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<IncidentView>>> List(CaseIncidents incidents, string? caseNumber, CancellationToken ct) =>
        TypedResults.Ok((caseNumber is null ? await incidents.OpenAsync(null, ct) : await incidents.OfCaseAsync(caseNumber, null, ct)).Select(ToView).ToList());

    private static async Task<Results<Ok<IncidentView>, ProblemHttpResult>> Get(Guid id, IWorkflowQueries queries, CaseIncidents incidents, CancellationToken ct)
    {
        if (await queries.GetIncidentAsync(id, ct) is not { } incident) return ApiProblems.NotFound("Incident", id);
        var located = (await incidents.OpenAsync(null, ct)).FirstOrDefault(l => l.Incident.Id == id);
        return TypedResults.Ok(located is null ? ToView(incident) : ToView(located));
    }

    private static async Task<Results<Ok<ScopeVariables>, ProblemHttpResult>> Variables(Guid id, HttpContext http, IWorkflowRuntime runtime,
        IWorkflowQueries queries, CaseDataAccess cases, CancellationToken ct)
    {
        if (await queries.GetIncidentAsync(id, ct) is not { } incident) return ApiProblems.NotFound("Incident", id);
        var instance = (await queries.GetInstanceAsync(incident.InstanceId, ct))!;
        var variables = await runtime.GetIncidentScopeVariablesAsync(id, ct);
        var withheld = !await cases.MaySeeDataAsync(http.User, instance, ct);
        return TypedResults.Ok(new ScopeVariables(id, incident.InstanceId, incident.ElementId, variables.Select(v => v.Key).Order(StringComparer.Ordinal).ToList(),
            withheld ? new JsonObject() : variables, withheld));
    }

    private static async Task<Results<Ok<IncidentView>, ValidationProblem>> Retry(Guid id, HttpContext http, IWorkflowRuntime runtime,
        IWorkflowQueries queries, RetryBody? body = null, CancellationToken ct = default)
    {
        if (Check(body?.Variables, body?.Reason) is { } problem) return problem;
        await runtime.RetryIncidentAsync(id, http.User.ToActor(), body?.Variables, body?.Reason?.Trim(), ct);
        return TypedResults.Ok(ToView((await queries.GetIncidentAsync(id, ct))!));
    }

    /// <summary>Variables named by non-empty names, a reason of reasonable length.</summary>
    internal static ValidationProblem? Check(JsonObject? variables, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (variables is not null && variables.Any(v => string.IsNullOrWhiteSpace(v.Key)))
            errors["variables"] = [ProblemMessages.Sentence("Operation_VariableName")];
        if (reason is { Length: > 2000 }) errors["reason"] = [ProblemMessages.Sentence("Operation_ReasonLength")];
        return errors.Count > 0 ? ApiProblems.Invalid(errors) : null;
    }

    internal static IncidentView ToView(Incident i) =>
        new(i.Id, i.InstanceId, i.ElementId, i.TokenId, i.Message, i.Details, i.Attempts, i.CreatedAt, i.ResolvedAt, i.ResolvedBy);

    internal static IncidentView ToView(CaseIncidents.Located l) => ToView(l.Incident) with
    {
        CaseNumber = l.CaseNumber, RootInstanceId = l.RootInstanceId, StepName = l.StepName,
        Summary = l.Summary,
    };
}
