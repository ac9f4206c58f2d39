using System.Globalization;
using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Inventions;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Api.Accounts;
using WorkflowHost.Application;
using WorkflowHost.Application.Agreements;
using WorkflowHost.Application.Tasks;
using WorkflowHost.Forms;
using WorkflowHost.Localization;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Tasks;

/// <summary>
/// The task inbox and task actions. "My tasks" are those assigned to me or offered to me as a candidate (by user
/// id or one of my roles). Only the assignee or a candidate acts on a task; administrators may reassign and give
/// back, not complete in someone's place. Completion data is checked against the task's form on the server.
/// </summary>
public static class TasksApi
{
    public sealed record TaskView(Guid Id, Guid InstanceId, string ProcessId, string ElementId, string? Name, string? BusinessKey, string Status,
        string? Assignee, string? Owner, IReadOnlyList<string> CandidateUsers, IReadOnlyList<string> CandidateGroups, DateTimeOffset CreatedAt,
        DateTimeOffset? DueAt, DateTimeOffset? FollowUpAt, int Priority, string? FormKey, bool Overdue, DateTimeOffset? CompletedAt, string? CompletedBy,
        string ProcessName);
    /// <summary>One task with its instance's variables (empty and <see cref="DataWithheld"/> when the task belongs to a case
    /// the caller may not see: <see cref="CaseDataAccess"/>), and its rules: <see cref="Personal"/> (only its assignee acts
    /// on it; nobody reassigns or delegates it) and <see cref="Confidential"/> (what its completer submits is sealed).</summary>
    public sealed record TaskDetail(TaskView Task, JsonObject Variables, bool HasForm, bool DataWithheld, bool Personal, bool Confidential);
    public sealed record CompleteBody(JsonObject? Variables);
    public sealed record SendBackBody(string? Reason);
    public sealed record ReassignBody(string? Assignee);
    public sealed record DelegateBody(string? UserId);
    public sealed record BulkClaimBody(IReadOnlyList<Guid>? TaskIds);
    public sealed record BulkClaimAnswer(IReadOnlyList<TaskCommands.ClaimOutcome> Results, int Claimed, int Refused);

    /// <summary>Query parameters <c>var.&lt;name&gt;=&lt;value&gt;</c> filter on process variables.</summary>
    public const string VariablePrefix = TaskVariableFilters.Prefix;
    public const int MaxBulkClaim = 100;

    private static readonly string[] Sorts = ["priority", "created", "due", "followUp"];

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tasks").WithTags("Tasks").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", MyTasks).WithName("MyTasks")
            .WithSummary("My open tasks (assigned to me, or mine to claim as a candidate by user id or role): filter as the inbox does by the case's stage (its status: submitted, accepted, ...), college and search (case number or title contains), or by process, element, business key, due dates or overdue; sort by priority, created, due or followUp; paged with the total.")
            .ProducesValidationProblem();
        group.MapPost("/claim", ClaimAll).WithName("ClaimTasks")
            .WithSummary("Claims several tasks at once (at most 100) and says for each whether it was claimed or why it was refused.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).WithName("GetTask")
            .WithSummary("One task with its variables (withheld for a case the caller may not see) and whether it is personal or confidential, for its assignee, candidates, owner or an administrator.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/form", Form).WithName("GetTaskForm")
            .WithSummary("The task's form-js schema in the caller's language (its labels map; English where it has no text) (404 when its form key has no form file: then any JSON object is accepted).")
            .Produces<JsonObject>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/claim", Claim).WithName("ClaimTask")
            .WithSummary("Claims a task I am a candidate for; 409 if someone else holds it.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/unclaim", Unclaim).WithName("UnclaimTask")
            .WithSummary("Gives a claimed task back to its candidates (its assignee, or an administrator).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/complete", Complete).WithName("CompleteTask")
            .WithSummary("Completes a task with its form data (checked against the form: 400 naming each wrong field); 409 if it was completed meanwhile.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/send-back", SendBack).WithName("SendBackTask")
            .WithSummary("Sends the work back with a reason: completes the task with outcome = \"sendBack\" and sendBackReason, which the workflows route back.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reassign", Reassign).WithName("ReassignTask")
            .WithSummary("Gives the task to another user (null: back to the candidates); its assignee or an administrator.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/delegate", Delegate).WithName("DelegateTask")
            .WithSummary("Delegates my task to another user; it comes back to me when they resolve it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/resolve", Resolve).WithName("ResolveTask")
            .WithSummary("The delegate hands a delegated task back to its owner, with optional data (checked against the form).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        // Beside the inbox: the user's saved inbox filters.
        app.MapTaskFiltersApi();
        return app;
    }

    private static async Task<Results<Ok<PagedList<TaskView>>, ValidationProblem>> MyTasks(HttpContext http, IWorkflowQueries queries, TimeProvider clock, ProcessNames processNames,
        CaseTaskFilters caseFilters, string? stage, string? college, string? processId, string? elementId, string? businessKey, string? search, DateTimeOffset? dueBefore, DateTimeOffset? dueAfter, bool? overdue,
        DateTimeOffset? followUpBefore, DateTimeOffset? followUpAfter, string? sort, string? order, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, errors);
        var by = TaskSort.Priority;
        if (sort is not null && !Enum.TryParse(sort, ignoreCase: true, out by) || sort is not null && int.TryParse(sort, out _))
            errors["sort"] = [$"sort must be one of: {string.Join(", ", Sorts)}."];
        bool? descending = order?.ToLowerInvariant() switch
        {
            null => null,
            "asc" => false,
            "desc" => true,
            _ => Fail(errors, "order", "order must be asc or desc."),
        };
        if (dueBefore is { } b && dueAfter is { } a && a > b) errors["dueAfter"] = ["dueAfter is later than dueBefore."];
        if (followUpBefore is { } fb && followUpAfter is { } fa && fa > fb) errors["followUpAfter"] = ["followUpAfter is later than followUpBefore."];
        var variables = VariablesOf(http.Request.Query, errors);
        InventionStatus? status = null;
        try
        {
            if (stage is not null) status = Names.Parse<InventionStatus>(stage, "stage");
        }
        catch (TechTransferException e)
        {
            errors["stage"] = [e.Message];
        }
        if (errors.Count > 0) return ApiProblems.Invalid(errors);

        var actor = http.User.ToActor();
        var now = clock.GetUtcNow();
        var before = overdue == true ? (dueBefore is { } d && d < now ? d : now) : dueBefore;
        var query = new TaskQuery
        {
            ActionableBy = actor.UserId, CandidateGroups = actor.Groups, ProcessId = processId, ElementId = elementId, BusinessKey = businessKey,
            DueBefore = before, DueAfter = overdue == false ? now : dueAfter, FollowUpBefore = followUpBefore, FollowUpAfter = followUpAfter,
            Variables = variables, Sort = by, Descending = descending,
            Skip = paging.Skip, Take = paging.PageSize,
        };
        var result = await queries.QueryTasksAsync(await caseFilters.NarrowAsync(http.User.ToActingUser(), query, status, college, search, ct), ct);
        var names = await processNames.OfTasksAsync(result.Items, ct: ct);
        return TypedResults.Ok(new PagedList<TaskView>(result.Items.Select(t => ToView(t, names[t.Id], now)).ToList(), result.Total, paging.Page, paging.PageSize));
    }

    /// <summary><c>var.name=value</c> pairs of the query string (one value each; at most 10).</summary>
    public static IReadOnlyDictionary<string, string>? VariablesOf(IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, values) in query)
        {
            if (!key.StartsWith(VariablePrefix, StringComparison.Ordinal)) continue;
            var name = key[VariablePrefix.Length..];
            if (name.Length is 0 or > 100 || !name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-'))
                errors[key] = ["A variable filter is var.<name>=<value>, the name of letters, digits, _ and -."];
            else if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
                errors[key] = [$"Give {key} one value."];
            else if (values[0]!.Length > TaskVariableFilter.MaxLength)
                errors[key] = [$"A variable filter's value has at most {TaskVariableFilter.MaxLength} characters (longer values are not filtered on)."];
            else variables[name] = values[0]!;
        }
        if (variables.Count > 10) errors["var"] = ["At most 10 variable filters."];
        return variables.Count > 0 ? variables : null;
    }

    private static bool? Fail(Dictionary<string, string[]> errors, string field, string message)
    {
        errors[field] = [message];
        return null;
    }

    private static async Task<Results<Ok<TaskDetail>, ProblemHttpResult>> Get(Guid id, HttpContext http, IWorkflowQueries queries, FormCatalog forms,
        CaseDataAccess cases, TaskCommands commands, TimeProvider clock, ProcessNames processNames, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct);
        if (task is null) return ApiProblems.NotFound("Task", id);
        var actor = http.User.ToActor();
        if (!MaySee(task, actor)) return ApiProblems.Forbidden($"{actor.UserId} is neither the assignee nor a candidate of task {id}.");
        var instance = await queries.GetInstanceAsync(task.InstanceId, ct);
        var (variables, withheld) = instance is null ? (new JsonObject(), false) : await cases.VariablesAsync(http.User, instance, ct);
        if (!withheld)
            foreach (var (k, v) in task.LocalVariables ?? []) variables[k] = v?.DeepClone();
        var rules = await commands.RulesAsync(task, ct);
        return TypedResults.Ok(new TaskDetail(ToView(task, await processNames.OfTaskAsync(task, ct: ct), clock.GetUtcNow()), variables, await forms.ReadRawAsync(task.FormKey, ct) is not null, withheld,
            rules?.Personal == true, rules?.Confidential == true));
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Form(Guid id, HttpContext http, IWorkflowQueries queries, FormCatalog forms, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct);
        if (task is null) return ApiProblems.NotFound("Task", id);
        var actor = http.User.ToActor();
        if (!MaySee(task, actor)) return ApiProblems.Forbidden($"{actor.UserId} is neither the assignee nor a candidate of task {id}.");
        return await forms.ReadRawAsync(task.FormKey, ct) is { } json
            ? TypedResults.Content(FormTranslation.Localize(json, CultureInfo.CurrentUICulture.Name), "application/json")
            : ApiProblems.NotFound("Form of task", $"{id} ({task.FormKey ?? "no form key"})");
    }

    private static async Task<NoContent> Claim(Guid id, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        await runtime.ClaimTaskAsync(id, http.User.ToActor().AsParticipant(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> Unclaim(Guid id, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        await runtime.UnclaimTaskAsync(id, http.User.ToActor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Complete(Guid id, CompleteBody body, HttpContext http,
        IWorkflowRuntime runtime, IWorkflowQueries queries, FormCatalog forms, TimeProvider clock, ProcessNames processNames,
        SigningStepCheck signing, CancellationToken ct)
    {
        var actor = http.User.ToActor().AsParticipant();
        if (await CheckActorAsync(id, actor, queries, ct) is { } notYours) return notYours;
        var task = (await queries.GetTaskAsync(id, ct))!;
        var variables = body.Variables ?? new JsonObject();
        if (await CheckFormAsync(task, variables, requireAll: true, forms, ct) is { } invalid) return invalid;
        if (StepDataRules.Check(task.FormKey, variables) is { Count: > 0 } broken)
            return ApiProblems.Invalid(broken.ToDictionary(e => "variables." + e.Key, e => e.Value), "The data breaks a rule of this step.");
        if (task.FormKey == SigningStepCheck.FormKey && task.BusinessKey is { } caseNumber
            && await signing.CheckAsync(http.User.ToActingUser(), caseNumber, variables, ct) is { } refused)
            return ApiProblems.Invalid(refused, "The agreement does not match the concluded pricing.");
        // Who completed the task, for the service tasks after it: set here, never taken from the client.
        variables[TechTransfer.Handlers.DomainHandler.CompletedBy] = actor.UserId;
        await runtime.CompleteTaskAsync(id, actor, variables, ct);
        return TypedResults.Ok(await ViewAsync(id, queries, processNames, clock, ct));
    }

    private static async Task<Ok<TaskView>> SendBack(Guid id, SendBackBody body, HttpContext http,
        TaskCommands commands, IWorkflowQueries queries, TimeProvider clock, ProcessNames processNames, CancellationToken ct)
    {
        await commands.SendBackAsync(id, http.User.ToActor(), body.Reason, ct);
        return TypedResults.Ok(await ViewAsync(id, queries, processNames, clock, ct));
    }

    private static async Task<Results<Ok<BulkClaimAnswer>, ValidationProblem>> ClaimAll(BulkClaimBody body, HttpContext http, TaskCommands commands, CancellationToken ct)
    {
        if (body.TaskIds is not { Count: > 0 }) return ApiProblems.Invalid("taskIds", "Name the tasks to claim.");
        if (body.TaskIds.Count > MaxBulkClaim) return ApiProblems.Invalid("taskIds", $"At most {MaxBulkClaim} tasks at once.");
        var results = await commands.ClaimAllAsync(body.TaskIds, http.User.ToActor(), ct);
        return TypedResults.Ok(new BulkClaimAnswer(results, results.Count(r => r.Claimed), results.Count(r => !r.Claimed)));
    }

    private static async Task<Results<NoContent, ValidationProblem>> Reassign(Guid id, ReassignBody body, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        if (body.Assignee is { Length: > 200 }) return ApiProblems.Invalid("assignee", "A user id has at most 200 characters.");
        await runtime.ReassignTaskAsync(id, http.User.ToActor(), body.Assignee, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> Delegate(Guid id, DelegateBody body, HttpContext http, IWorkflowRuntime runtime, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.UserId)) return ApiProblems.Invalid("userId", "Name the user to delegate to.");
        if (body.UserId.Length > 200) return ApiProblems.Invalid("userId", "A user id has at most 200 characters.");
        await runtime.DelegateTaskAsync(id, http.User.ToActor().AsParticipant(), body.UserId.Trim(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Resolve(Guid id, CompleteBody body, HttpContext http,
        IWorkflowRuntime runtime, IWorkflowQueries queries, FormCatalog forms, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct);
        if (task is null) return ApiProblems.NotFound("Task", id);
        if (body.Variables is { Count: > 0 } && await CheckFormAsync(task, body.Variables, requireAll: false, forms, ct) is { } invalid) return invalid;
        await runtime.ResolveTaskAsync(id, http.User.ToActor().AsParticipant(), body.Variables, ct);
        return TypedResults.NoContent();
    }

    /// <summary>404, 409 (no longer open) or 403 before anything about the form is said; the engine checks again in its step.</summary>
    private static async Task<ProblemHttpResult?> CheckActorAsync(Guid id, Actor actor, IWorkflowQueries queries, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct);
        if (task is null) return ApiProblems.NotFound("Task", id);
        if (!task.IsOpen)
            return ApiProblems.Status(StatusCodes.Status409Conflict, "conflict",
                $"Task {id} is already {task.Status.ToString().ToLowerInvariant()}{(task.CompletedBy is { } by ? $" by {by}" : "")}.");
        var mine = task.Assignee == actor.UserId || task.Assignee is null && IsCandidate(task, actor);
        return mine ? null : ApiProblems.Forbidden(task.Assignee is null
            ? $"{actor.UserId} is not a candidate for task {id}."
            : $"Task {id} is assigned to {task.Assignee}; only they may act on it.");
    }

    private static async Task<ValidationProblem?> CheckFormAsync(UserTaskRecord task, JsonObject variables, bool requireAll, FormCatalog forms, CancellationToken ct)
    {
        FormSchema? form;
        try
        {
            form = await forms.FindAsync(task.FormKey, ct);
        }
        catch (FormatException e)
        {
            // The form file itself is broken: refuse rather than accept unchecked data.
            return ApiProblems.Invalid("formKey", $"The form '{task.FormKey}' cannot be read, so the data cannot be checked: {e.Message}");
        }
        if (form is null) return null; // no form file: any JSON object (documented in doc/api.md)
        var errors = FormDataValidator.Validate(form, variables, requireAll);
        return errors.Count > 0 ? ApiProblems.Invalid(errors, $"The data does not fit the form '{task.FormKey}'.") : null;
    }

    private static bool IsCandidate(UserTaskRecord task, Actor actor) =>
        task.CandidateUsers.Contains(actor.UserId, StringComparer.Ordinal) || task.CandidateGroups.Any(actor.InGroup);

    private static bool MaySee(UserTaskRecord task, Actor actor) =>
        actor.IsAdministrator || task.Assignee == actor.UserId || task.Owner == actor.UserId || IsCandidate(task, actor);

    private static async Task<TaskView> ViewAsync(Guid id, IWorkflowQueries queries, ProcessNames processNames, TimeProvider clock, CancellationToken ct)
    {
        var task = (await queries.GetTaskAsync(id, ct))!;
        return ToView(task, await processNames.OfTaskAsync(task, ct: ct), clock.GetUtcNow());
    }

    /// <summary>The task with its name and its process's name in the caller's language (<see cref="ProcessNames"/>).</summary>
    private static TaskView ToView(UserTaskRecord t, ProcessNames.TaskNames names, DateTimeOffset now) =>
        new(t.Id, t.InstanceId, t.ProcessId, t.ElementId, names.Task, t.BusinessKey, t.Status.ToString().ToLowerInvariant(), t.Assignee, t.Owner,
            t.CandidateUsers, t.CandidateGroups, t.CreatedAt, t.DueAt, t.FollowUpAt, t.Priority, t.FormKey,
            t.IsOpen && t.DueAt < now, t.CompletedAt, t.CompletedBy, names.Process);
}
