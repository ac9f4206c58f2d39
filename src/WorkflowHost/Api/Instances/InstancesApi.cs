using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Application;
using WorkflowHost.Application.Instances;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Instances;

/// <summary>
/// The engine's view of process instances for the office and workflow administrators: lists, state, history,
/// incidents, variables, called instances; starting, cancelling and migrating (workflow administrators).
/// Inventors follow their inventions through the domain's endpoints, not these. The data of a case's instance (its
/// variables, what its history entries carry) is shown only to those who may see the case (<see cref="CaseDataAccess"/>):
/// to others <c>variables</c> is empty, history entries come without <c>data</c>, both with <c>dataWithheld: true</c>, and
/// the variables download answers 403.
/// </summary>
public static class InstancesApi
{
    public sealed record InstanceSummary(Guid Id, string ProcessId, int Version, string? BusinessKey, string Status,
        DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? StartedBy, int OpenIncidents, Guid? ParentInstanceId);
    public sealed record TokenView(string Id, string ElementId, string? ElementName, string? ElementType, string Status, string? ScopeId,
        Guid? TaskId, Guid? ChildInstanceId, Guid? IncidentId);
    public sealed record OpenTaskView(Guid Id, string ElementId, string? Name, string? Assignee, DateTimeOffset? DueAt);
    public sealed record InstanceView(Guid Id, string ProcessId, int Version, string DefinitionId, string? BusinessKey, string Status,
        DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? StartedBy, Guid? ParentInstanceId, Guid? RootInstanceId,
        IReadOnlyList<string> ActiveElements, IReadOnlyList<TokenView> Tokens, JsonObject Variables, IReadOnlyList<OpenTaskView> OpenTasks, int OpenIncidents,
        bool DataWithheld);
    public sealed record HistoryView(long Id, string Event, string? ElementId, string? ElementType, string? TokenId, string? Actor, DateTimeOffset At, JsonNode? Data,
        bool DataWithheld);
    public sealed record StartBody(string? ProcessId, int? Version, string? BusinessKey, JsonObject? Variables);
    public sealed record CancelBody(string? Reason);
    public sealed record BulkBody(string? Action, List<Guid>? InstanceIds, string? Reason, string? Assignee);
    public sealed record BulkResult(string Action, int Done, int Refused, IReadOnlyList<InstanceBulkActions.ItemResult> Items);
    public sealed record TokenMoveBody(string? From, string? TokenId, string? To, string? Reason);
    public sealed record MigrationBody(string? ProcessId, int? TargetVersion, int? SourceVersion, List<Guid>? InstanceIds, Dictionary<string, string>? Mapping);

    private static readonly string[] States = Enum.GetNames<InstanceStatus>().Select(s => s.ToLowerInvariant()).ToArray();

    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/instances").WithTags("Instances").RequireAuthorization(Policies.EngineViews)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", List).WithName("ListInstances")
            .WithSummary("Lists instances, newest first, filtered by process, version, state (running, completed, terminated, cancelled), business key or open incidents; paged.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).WithName("GetInstance")
            .WithSummary("An instance's state: where its tokens are, its active elements, variables, open tasks.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/history", History).WithName("GetInstanceHistory")
            .WithSummary("The instance's event journal, oldest first.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/history/verification", VerifyHistory).WithName("VerifyInstanceHistory")
            .WithSummary("Checks the instance's history chain (hashes, the record seal's signatures, the checkpoints outside the database): intact, or the first broken entry and why.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/incidents", Incidents).WithName("GetInstanceIncidents")
            .WithSummary("The open incidents of the instance and of every process it called (each names its own instance), with case number and step name.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/variables", Variables).WithName("DownloadInstanceVariables")
            .WithSummary("Downloads the instance's process variables as a JSON file (403 for a case's instance to whoever may not see the case).")
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/children", Children).WithName("GetCalledInstances")
            .WithSummary("Instances this instance started through call activities.").ProducesProblem(StatusCodes.Status404NotFound);

        var admin = group.MapGroup("").RequireAuthorization(Policies.WorkflowAdministrator);
        admin.MapPost("/", Start).WithName("StartInstance")
            .WithSummary("Starts an instance of a published process (the latest version unless one is named).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/{id:guid}/cancel", Cancel).WithName("CancelInstance")
            .WithSummary("Cancels a running instance with a reason (its tasks and timers end with it).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/{id:guid}/token-moves", MoveToken).WithName("MoveToken")
            .WithSummary("Cancels the activity a token is at (from: its element id, or tokenId) and starts the process at another activity of the same scope (to), with a reason; recorded in the case's evidence; 422 with a code when the token cannot move there.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapPost("/bulk", Bulk).WithName("BulkInstanceAction")
            .WithSummary("Runs one action on many instances, one after another: retry their open incidents, cancel them (with a reason), or reassign their open tasks to a user; reports per instance whether it was done or refused and why.")
            .ProducesValidationProblem();
        admin.MapPost("/migrations/plan", PlanMigration).WithName("PlanMigration")
            .WithSummary("Reports, per instance, what a migration to the target version would move where, and what stops it. Changes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/migrations", Migrate).WithName("MigrateInstances")
            .WithSummary("Migrates running instances to another version with an explicit activity mapping, all in one step; refused (422, with every problem) when anything lacks a target.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Results<Ok<PagedList<InstanceSummary>>, ValidationProblem>> List(IWorkflowQueries queries, string? processId, int? version,
        string? state, string? businessKey, bool? hasIncident, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, errors);
        InstanceStatus? status = null;
        if (state is not null)
        {
            if (Enum.TryParse<InstanceStatus>(state, ignoreCase: true, out var s) && !int.TryParse(state, out _)) status = s;
            else errors["state"] = [$"state must be one of: {string.Join(", ", States)}."];
        }
        if (version is < 1) errors["version"] = ["version starts at 1."];
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        var result = await queries.QueryInstancesAsync(new InstanceQuery
        {
            ProcessId = processId, DefinitionVersion = version, Status = status, BusinessKey = businessKey, HasIncident = hasIncident,
            Skip = paging.Skip, Take = paging.PageSize,
        }, ct);
        return TypedResults.Ok(new PagedList<InstanceSummary>(result.Items.Select(Summary).ToList(), result.Total, paging.Page, paging.PageSize));
    }

    private static async Task<Results<Ok<InstanceView>, ProblemHttpResult>> Get(Guid id, HttpContext http, IWorkflowQueries queries, CaseDataAccess cases,
        CancellationToken ct)
    {
        if (await queries.GetInstanceAsync(id, ct) is not { } instance) return ApiProblems.NotFound("Instance", id);
        var process = await queries.GetProcessModelAsync(instance.DefinitionId, ct);
        var tokens = instance.State.Tokens.Select(t =>
        {
            var node = process.NodesById.GetValueOrDefault(t.NodeId);
            return new TokenView(t.Id, t.NodeId, node?.Name, node?.ElementType, t.Status.ToString().ToLowerInvariant(), t.ScopeId, t.TaskId,
                t.ChildInstanceId, t.IncidentId);
        }).ToList();
        var tasks = (await queries.GetOpenTasksOfInstanceAsync(id, ct)).Select(t => new OpenTaskView(t.Id, t.ElementId, t.Name, t.Assignee, t.DueAt)).ToList();
        var (variables, withheld) = await cases.VariablesAsync(http.User, instance, ct);
        return TypedResults.Ok(new InstanceView(instance.Id, instance.ProcessId, instance.DefinitionVersion, instance.DefinitionId, instance.BusinessKey,
            instance.Status.ToString().ToLowerInvariant(), instance.StartedAt, instance.EndedAt, instance.StartedBy, instance.ParentInstanceId,
            instance.RootInstanceId, tokens.Select(t => t.ElementId).Distinct().ToList(), tokens, variables, tasks, instance.OpenIncidents, withheld));
    }

    private static async Task<Results<Ok<HistoryVerification>, ProblemHttpResult>> VerifyHistory(Guid id, IWorkflowQueries queries,
        IHistoryVerifier verifier, CancellationToken ct)
    {
        if (await queries.GetInstanceAsync(id, ct) is null) return ApiProblems.NotFound("Instance", id);
        return TypedResults.Ok(await verifier.VerifyAsync(id, ct));
    }

    private static async Task<Results<Ok<List<HistoryView>>, ProblemHttpResult>> History(Guid id, HttpContext http, IWorkflowQueries queries,
        CaseDataAccess cases, CancellationToken ct)
    {
        if (await queries.GetInstanceAsync(id, ct) is not { } instance) return ApiProblems.NotFound("Instance", id);
        var withheld = !await cases.MaySeeDataAsync(http.User, instance, ct);
        var history = await queries.GetHistoryAsync(id, ct);
        return TypedResults.Ok(history.Select(h => new HistoryView(h.Id, Camel(h.Event.ToString()), h.ElementId, h.ElementType, h.TokenId, h.Actor, h.At,
            h.Data is null || withheld ? null : JsonNode.Parse(h.Data), withheld && h.Data is not null)).ToList());
    }

    private static async Task<Results<Ok<List<Incidents.IncidentsApi.IncidentView>>, ProblemHttpResult>> Incidents(Guid id, IWorkflowQueries queries,
        Application.Incidents.CaseIncidents incidents, CancellationToken ct)
    {
        if (await queries.GetInstanceAsync(id, ct) is null) return ApiProblems.NotFound("Instance", id);
        return TypedResults.Ok((await incidents.OfInstanceTreeAsync(id, null, ct)).Select(Api.Incidents.IncidentsApi.ToView).ToList());
    }

    private static async Task<Results<NoContent, ValidationProblem>> MoveToken(Guid id, TokenMoveBody body, HttpContext http, IWorkflowRuntime runtime,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.To)) errors["to"] = [Localization.ProblemMessages.Sentence("Operation_TargetRequired")];
        if (string.IsNullOrWhiteSpace(body.From) && string.IsNullOrWhiteSpace(body.TokenId))
            errors["from"] = [Localization.ProblemMessages.Sentence("Operation_SourceRequired")];
        if (body.Reason is { Length: > 2000 }) errors["reason"] = [Localization.ProblemMessages.Sentence("Operation_ReasonLength")];
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        await runtime.MoveTokenAsync(new TokenMoveRequest
        {
            InstanceId = id, FromElementId = string.IsNullOrWhiteSpace(body.From) ? null : body.From.Trim(),
            TokenId = string.IsNullOrWhiteSpace(body.TokenId) ? null : body.TokenId.Trim(), ToElementId = body.To!.Trim(), Reason = body.Reason?.Trim(),
        }, http.User.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Variables(Guid id, HttpContext http, IWorkflowQueries queries,
        CaseDataAccess cases, CancellationToken ct)
    {
        if (await queries.GetInstanceAsync(id, ct) is not { } instance) return ApiProblems.NotFound("Instance", id);
        if (!await cases.MaySeeDataAsync(http.User, instance, ct)) return ApiProblems.Forbidden(CaseDataAccess.WithheldDetail);
        var json = instance.State.Variables.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        return TypedResults.File(Encoding.UTF8.GetBytes(json), "application/json", $"instance-{id}-variables.json");
    }

    private static async Task<Results<Ok<List<InstanceSummary>>, ProblemHttpResult>> Children(Guid id, IWorkflowQueries queries, CancellationToken ct)
    {
        if (await queries.GetInstanceAsync(id, ct) is null) return ApiProblems.NotFound("Instance", id);
        var children = await queries.QueryInstancesAsync(new InstanceQuery { ParentInstanceId = id, Take = 1000 }, ct);
        return TypedResults.Ok(children.Items.Select(Summary).OrderBy(c => c.StartedAt).ToList());
    }

    private static async Task<Results<Created<InstanceSummary>, ValidationProblem>> Start(StartBody body, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.ProcessId)) errors["processId"] = ["processId is required."];
        if (body.Version is < 1) errors["version"] = ["version starts at 1."];
        if (body.BusinessKey is { Length: > 200 }) errors["businessKey"] = ["businessKey has at most 200 characters."];
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        var instance = await runtime.StartAsync(new StartRequest
        {
            ProcessId = body.ProcessId!, Version = body.Version, BusinessKey = body.BusinessKey, Variables = body.Variables,
            StartedBy = http.User.ToActor().UserId,
        }, ct);
        return TypedResults.Created($"/api/v1/instances/{instance.Id}", Summary(instance));
    }

    private static async Task<Results<NoContent, ValidationProblem>> Cancel(Guid id, CancelBody body, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reason)) return ApiProblems.Invalid("reason", "A reason is required to cancel an instance.");
        if (body.Reason.Length > 2000) return ApiProblems.Invalid("reason", "The reason has at most 2000 characters.");
        await runtime.CancelInstanceAsync(id, http.User.ToActor(), body.Reason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<BulkResult>, ValidationProblem>> Bulk(BulkBody body, HttpContext http, InstanceBulkActions actions, CancellationToken ct)
    {
        var errors = InstanceBulkActions.Check(body.Action, body.InstanceIds, body.Reason, body.Assignee);
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        var items = await actions.RunAsync(new InstanceBulkActions.Request(body.Action!, body.InstanceIds!, body.Reason, body.Assignee), http.User.ToActor(), ct);
        return TypedResults.Ok(new BulkResult(body.Action!, items.Count(i => i.Done), items.Count(i => !i.Done), items));
    }

    private static async Task<Results<Ok<MigrationPlan>, ValidationProblem>> PlanMigration(MigrationBody body, IWorkflowRuntime runtime, CancellationToken ct)
    {
        if (Request(body, out var request) is { } problem) return problem;
        return TypedResults.Ok(await runtime.PlanMigrationAsync(request!, ct));
    }

    private static async Task<Results<Ok<MigrationPlan>, ValidationProblem>> Migrate(MigrationBody body, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        if (Request(body, out var request) is { } problem) return problem;
        return TypedResults.Ok(await runtime.MigrateInstancesAsync(request!, http.User.ToActor(), ct));
    }

    private static ValidationProblem? Request(MigrationBody body, out MigrationRequest? request)
    {
        request = null;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.ProcessId)) errors["processId"] = ["processId is required."];
        if (body.TargetVersion is null) errors["targetVersion"] = ["targetVersion is required."];
        else if (body.TargetVersion < 1) errors["targetVersion"] = ["targetVersion starts at 1."];
        if (body.SourceVersion is < 1) errors["sourceVersion"] = ["sourceVersion starts at 1."];
        foreach (var (from, to) in body.Mapping ?? [])
            if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
                errors[$"mapping.{from}"] = ["Each mapping names a source element id and a target element id."];
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        request = new MigrationRequest
        {
            ProcessId = body.ProcessId!, TargetVersion = body.TargetVersion!.Value, SourceVersion = body.SourceVersion,
            InstanceIds = body.InstanceIds, Mapping = body.Mapping,
        };
        return null;
    }

    internal static InstanceSummary Summary(ProcessInstance i) =>
        new(i.Id, i.ProcessId, i.DefinitionVersion, i.BusinessKey, i.Status.ToString().ToLowerInvariant(), i.StartedAt, i.EndedAt, i.StartedBy,
            i.OpenIncidents, i.ParentInstanceId);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
