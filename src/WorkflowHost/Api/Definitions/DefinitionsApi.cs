using System.Text;
using TechTransfer.Processes;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Contracts;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Security;

using WorkflowHost.Localization;

namespace WorkflowHost.Api.Definitions;

/// <summary>
/// Workflow definitions: upload and validate BPMN, keep a draft, publish immutable versions, list processes and
/// versions with their instance counts, download a version. Everyone signed in reads; workflow administrators write.
/// Validation is the engine's plus the shipped catalog's (<see cref="ShippedProcessCheck"/>): a new version of a shipped
/// process that drops a step, message or stage the application refers to is reported as invalid and never published.
/// </summary>
public static class DefinitionsApi
{
    /// <summary>A validator's finding: <see cref="Message"/> in the caller's language, <see cref="Detail"/> the engine's own words.</summary>
    public sealed record DiagnosticView(string Code, string Severity, string Message, string? ElementId, int Line, int Column, string Detail);
    public sealed record ValidationView(bool Valid, IReadOnlyList<string> Processes, IReadOnlyList<DiagnosticView> Diagnostics);
    public sealed record VersionView(string ProcessId, int Version, string? Name, string Status, DateTimeOffset CreatedAt,
        DateTimeOffset? PublishedAt, string? PublishedBy, string ContentHash, int RunningInstances, int TotalInstances);
    public sealed record PublishedView(string ProcessId, int Version, string? Name, DateTimeOffset? PublishedAt, string? PublishedBy, bool Unchanged);
    public sealed record DraftView(string ProcessId, string? Name, DateTimeOffset SavedAt, string? SavedBy, bool Valid, IReadOnlyList<DiagnosticView> Diagnostics);
    public sealed record ProcessSummary(string ProcessId, string? Name, int? LatestVersion, DateTimeOffset? LatestPublishedAt,
        string? LatestPublishedBy, bool HasDraft, int Versions, int RunningInstances);
    public sealed record ProcessView(string ProcessId, string? Name, IReadOnlyList<VersionView> Versions, DraftView? Draft);
    public sealed record ElementCountView(string ElementId, int OpenTasks, int Waiting, int OpenIncidents, int Active);
    public sealed record ActivityCountsView(string ProcessId, int? Version, IReadOnlyList<ElementCountView> Elements);

    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/definitions").WithTags("Definitions").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", List).WithName("ListProcesses")
            .WithSummary("Lists the processes: latest version, who published it and when, running instances, whether a draft exists.");
        group.MapGet("/{processId}", Get).WithName("GetProcess")
            .WithSummary("One process: every published version (who published, when, instance counts) and its draft.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{processId}/versions/{version:int}", GetVersion).WithName("GetVersion")
            .WithSummary("One published version's metadata and instance counts.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{processId}/versions/{version:int}/bpmn", Download).WithName("DownloadVersion")
            .WithSummary("Downloads a published version's BPMN file (application/xml, as an attachment).")
            .Produces<string>(StatusCodes.Status200OK, "application/xml").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{processId}/activity-counts", ActivityCounts).WithName("GetActivityCounts")
            .RequireAuthorization(Policies.EngineViews)
            .WithSummary("Per element of a process (one version, or all versions when none is given): open user tasks, other waits (timers, messages, retries) and open incidents of its running instances.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var write = group.MapGroup("").RequireAuthorization(Policies.WorkflowAdministrator);
        write.MapPost("/validate", Validate).WithName("ValidateBpmn")
            .WithSummary("Validates a BPMN file exactly as publishing does, without storing it: each diagnostic with code, element, line and column.")
            .AcceptsBpmn()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        write.MapPost("/", Publish).WithName("PublishBpmn")
            .WithSummary("Publishes each executable process of a BPMN file as a new immutable version (an unchanged file returns the current version).")
            .AcceptsBpmn()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        write.MapPost("/drafts", SaveDraft).WithName("SaveDraft")
            .WithSummary("Saves a BPMN file as the draft of each process in it (a draft may be invalid; its diagnostics are returned).")
            .AcceptsBpmn()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        write.MapGet("/{processId}/draft/bpmn", DownloadDraft).WithName("DownloadDraft")
            .WithSummary("Downloads a process's draft BPMN file.").Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPost("/{processId}/draft/publish", PublishDraft).WithName("PublishDraft")
            .WithSummary("Publishes a process's draft as a new version.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    private static async Task<Ok<List<ProcessSummary>>> List(IWorkflowQueries queries, CancellationToken ct)
    {
        var definitions = await queries.ListDefinitionsAsync(null, ct);
        var counts = await queries.CountInstancesPerVersionAsync(null, ct);
        var list = definitions.GroupBy(d => d.ProcessId).Select(g =>
        {
            var latest = g.Where(d => d.Status == DefinitionStatus.Published).MaxBy(d => d.Version);
            return new ProcessSummary(g.Key, latest?.Name ?? g.First().Name, latest?.Version, latest?.PublishedAt, latest?.CreatedBy,
                g.Any(d => d.Status == DefinitionStatus.Draft), g.Count(d => d.Status == DefinitionStatus.Published),
                counts.Where(c => c.ProcessId == g.Key).Sum(c => c.Running));
        }).ToList();
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ActivityCountsView>, ValidationProblem, ProblemHttpResult>> ActivityCounts(string processId, int? version,
        IWorkflowQueries queries, CancellationToken ct)
    {
        if (version is < 1) return ApiProblems.Invalid("version", "version starts at 1.");
        if (version is { } v ? await queries.GetDefinitionAsync(processId, v, ct) is null
                : !(await queries.ListDefinitionsAsync(processId, ct)).Any(d => d.Status == DefinitionStatus.Published))
            return ApiProblems.NotFound("Process version", version is null ? processId : $"{processId} v{version}");
        var counts = await queries.CountActivitiesAsync(processId, version, ct);
        return TypedResults.Ok(new ActivityCountsView(processId, version,
            counts.Select(c => new ElementCountView(c.ElementId, c.OpenTasks, c.Waiting, c.OpenIncidents, c.Active)).ToList()));
    }

    private static async Task<Results<Ok<ProcessView>, ProblemHttpResult>> Get(string processId, IWorkflowQueries queries, IWorkflowRuntime runtime, CancellationToken ct)
    {
        var definitions = await queries.ListDefinitionsAsync(processId, ct);
        if (definitions.Count == 0) return ApiProblems.NotFound("Process", processId);
        var counts = await queries.CountInstancesPerVersionAsync(processId, ct);
        var versions = definitions.Where(d => d.Status == DefinitionStatus.Published).OrderByDescending(d => d.Version)
            .Select(d => ToView(d, counts)).ToList();
        var draft = definitions.FirstOrDefault(d => d.Status == DefinitionStatus.Draft) is { } r ? Draft(r, Check(runtime, r.BpmnXml)) : null;
        return TypedResults.Ok(new ProcessView(processId, versions.FirstOrDefault()?.Name ?? draft?.Name, versions, draft));
    }

    private static async Task<Results<Ok<VersionView>, ProblemHttpResult>> GetVersion(string processId, int version, IWorkflowQueries queries, CancellationToken ct)
    {
        var definition = await queries.GetDefinitionAsync(processId, version, ct);
        if (definition is not { Status: DefinitionStatus.Published }) return ApiProblems.NotFound("Version", $"{processId}:{version}");
        return TypedResults.Ok(ToView(definition, await queries.CountInstancesPerVersionAsync(processId, ct)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(string processId, int version, IWorkflowQueries queries, CancellationToken ct)
    {
        var definition = await queries.GetDefinitionAsync(processId, version, ct);
        if (definition is not { Status: DefinitionStatus.Published }) return ApiProblems.NotFound("Version", $"{processId}:{version}");
        return TypedResults.File(Encoding.UTF8.GetBytes(definition.BpmnXml), "application/xml", $"{processId}-v{version}.bpmn");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadDraft(string processId, IWorkflowQueries queries, CancellationToken ct)
    {
        var draft = await queries.GetDraftAsync(processId, ct);
        if (draft is null) return ApiProblems.NotFound("Draft of process", processId);
        return TypedResults.File(Encoding.UTF8.GetBytes(draft.BpmnXml), "application/xml", $"{processId}-draft.bpmn");
    }

    private static async Task<Results<Ok<ValidationView>, ProblemHttpResult>> Validate(HttpRequest request, IWorkflowRuntime runtime, ApiSettings settings, CancellationToken ct)
    {
        var (xml, problem) = await BpmnUpload.ReadAsync(request, settings.MaxUploadBytes, ct);
        if (problem is not null) return problem;
        var result = Check(runtime, xml!);
        return TypedResults.Ok(new ValidationView(result.IsValid, result.Model?.Processes.Select(p => p.Id).ToList() ?? [],
            result.Diagnostics.Select(ToView).ToList()));
    }

    private static async Task<Results<Created<List<PublishedView>>, ProblemHttpResult>> Publish(HttpRequest request, IWorkflowRuntime runtime,
        IWorkflowQueries queries, ApiSettings settings, CancellationToken ct)
    {
        var (xml, problem) = await BpmnUpload.ReadAsync(request, settings.MaxUploadBytes, ct);
        if (problem is not null) return problem;
        return await PublishXmlAsync(xml!, request.HttpContext.User.ToActor().UserId, runtime, queries, ct);
    }

    private static async Task<Results<Created<List<PublishedView>>, ProblemHttpResult>> PublishDraft(string processId, HttpContext http,
        IWorkflowRuntime runtime, IWorkflowQueries queries, CancellationToken ct)
    {
        var draft = await queries.GetDraftAsync(processId, ct);
        if (draft is null) return ApiProblems.NotFound("Draft of process", processId);
        return await PublishXmlAsync(draft.BpmnXml, http.User.ToActor().UserId, runtime, queries, ct);
    }

    /// <summary>Publishes (a <see cref="DefinitionInvalidException"/> becomes 422 with every diagnostic) and says which versions are new.</summary>
    private static async Task<Results<Created<List<PublishedView>>, ProblemHttpResult>> PublishXmlAsync(string xml, string author,
        IWorkflowRuntime runtime, IWorkflowQueries queries, CancellationToken ct)
    {
        var check = Check(runtime, xml);
        if (!check.IsValid) throw new DefinitionInvalidException(check.Errors.ToList());
        var before = new Dictionary<string, int?>();
        foreach (var process in check.Model?.Processes ?? [])
            before[process.Id] = (await queries.ListDefinitionsAsync(process.Id, ct)).Where(d => d.Status == DefinitionStatus.Published).MaxBy(d => d.Version)?.Version;
        var published = await runtime.PublishAsync(xml, author, ct);
        var views = published.Select(d => new PublishedView(d.ProcessId, d.Version, d.Name, d.PublishedAt, d.CreatedBy,
            Unchanged: before.GetValueOrDefault(d.ProcessId) == d.Version)).ToList();
        var first = views.First();
        return TypedResults.Created($"/api/v1/definitions/{Uri.EscapeDataString(first.ProcessId)}/versions/{first.Version}", views);
    }

    private static async Task<Results<Ok<List<DraftView>>, ProblemHttpResult>> SaveDraft(HttpRequest request, IWorkflowRuntime runtime, ApiSettings settings, CancellationToken ct)
    {
        var (xml, problem) = await BpmnUpload.ReadAsync(request, settings.MaxUploadBytes, ct);
        if (problem is not null) return problem;
        var saved = await runtime.SaveDraftAsync(xml!, request.HttpContext.User.ToActor().UserId, ct);
        var result = Check(runtime, xml!);
        return TypedResults.Ok(saved.Select(d => Draft(d, result)).ToList());
    }

    /// <summary>The engine's diagnostics, then the shipped catalog's for the shipped processes the file holds.</summary>
    private static BpmnParseResult Check(IWorkflowRuntime runtime, string xml)
    {
        var result = runtime.Validate(xml);
        return result.Model is null ? result : result with { Diagnostics = [.. result.Diagnostics, .. ShippedProcessCheck.Check(result.Model)] };
    }

    private static DraftView Draft(WorkflowDefinitionRecord d, BpmnParseResult result) =>
        new(d.ProcessId, d.Name, d.CreatedAt, d.CreatedBy, result.IsValid, result.Diagnostics.Select(ToView).ToList());

    private static VersionView ToView(WorkflowDefinitionRecord d, IReadOnlyList<Workflows.Engine.Runtime.VersionInstanceCount> counts)
    {
        var count = counts.FirstOrDefault(c => c.ProcessId == d.ProcessId && c.Version == d.Version);
        return new VersionView(d.ProcessId, d.Version, d.Name, d.Status.ToString().ToLowerInvariant(), d.CreatedAt, d.PublishedAt, d.CreatedBy,
            d.ContentHash, count?.Running ?? 0, count?.Total ?? 0);
    }

    private static DiagnosticView ToView(BpmnDiagnostic d) =>
        new(d.Code, d.Severity.ToString().ToLowerInvariant(), ProblemMessages.Diagnostic(d.Code, d.Message), d.ElementId, d.Location.Line, d.Location.Column, d.Message);
}
