using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Inventions;
using TechTransfer.Processes;
using WorkflowHost.Application;
using WorkflowHost.Application.Inventions;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Inventions;

/// <summary>
/// Inventions and their disclosures, and the office's steps on them that are user tasks of the shipped process:
/// screening, assessment, the patent application, the transfer file. Inventors see only the inventions they are on
/// (another's answers 404: its existence is private); the office and the committee see all. Submitting a draft starts
/// the main process <see cref="ShippedProcesses.Transfer"/> with the case number as its business key.
/// </summary>
public static class InventionsApi
{
    public sealed record ScreeningBody(string? Decision, string? Questions);
    public sealed record AnswerBody(string? Answer);
    /// <summary><c>patentKind</c> (invention, utility-model, design) sets the least reward on grant; read from the
    /// patent number's type digit when not given.</summary>
    /// <summary>Which co-inventor without an account (their <c>userId</c> key on the invention) is which account now.</summary>
    public sealed record InventorAccountBody(string? InventorKey, string? UserId);
    public sealed record GrantBody(string? PatentNumber, string? GrantDate, string? PatentKind = null);

    public static IEndpointRouteBuilder MapInventionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inventions").WithTags("Inventions").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/", Create).WithName("CreateInvention")
            .WithSummary("Files a draft disclosure (inventors on it, or the office): title, field, abstract, funded project, inventors with shares summing to 100, prior art, uses.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListInventions")
            .WithSummary("The inventions I may see: those I am an inventor on; the office and the committee see all. Filter by status.");
        group.MapGet("/{id:guid}", Get).WithName("GetInvention")
            .WithSummary("One invention with its process status, its open steps and its timeline (404 for an inventor not on it).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/progress", Progress).WithName("GetInventionProgress")
            .WithSummary("Where the case is on its diagrams: the main process and each stage it called (process, version, elements done, elements active), for those who may see the invention (404 otherwise).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", Update).WithName("UpdateInvention")
            .WithSummary("Edits a draft or a returned disclosure (its inventors or the office).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/submit", Submit).WithName("SubmitInvention")
            .WithSummary("Submits a complete draft and starts the invention-transfer process (business key: the case number); a returned disclosure is submitted again by answering the office's questions.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/answer", Answer).WithName("AnswerInventionQuestions")
            .WithSummary("The inventor answers the office's questions on a returned disclosure (after editing it): it goes back to screening.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var office = group.MapGroup("").RequireAuthorization(Policies.Office).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        office.MapPost("/{id:guid}/screening", Screen).WithName("ScreenInvention")
            .WithSummary("The office screens a submitted disclosure: decision \"accept\", or \"questions\" with the questions (returned to the inventor).");
        office.MapPost("/{id:guid}/assessment", Assess).WithName("AssessInvention")
            .WithSummary("The pre-filing assessment: the configured criteria scored 1-5 and the outcome (file, trade-secret, defensive-publication, release-to-inventors, more-information, abandon).");
        office.MapPost("/{id:guid}/patent-application", Apply).WithName("RecordPatentApplication")
            .WithSummary("Records the patent application (and grant, when known) after a decision to file.");
        office.MapPost("/{id:guid}/grant", Grant).WithName("RecordPatentGrant")
            .WithSummary("Records the grant of the filed application when it happens (patentNumber, grantDate), at any time after filing; recorded in the evidence. 409 before an application is recorded or when another grant is.");
        office.MapPost("/{id:guid}/transfer-file", Prepare).WithName("PrepareTransferFile")
            .WithSummary("Prepares the transfer file for the committee: pricing method (agreement, listing, auction) and its terms (price and counterparty for a notice, base price for listing or auction).");
        office.MapPost("/{id:guid}/inventor-accounts", LinkInventor).WithName("LinkInventorAccount")
            .WithSummary("Links a co-inventor named without an account (inventorKey: their userId on the invention, 'no-account:…') to the account they now have (userId): they see the case and their revenue and reward shares become theirs; recorded in the evidence.");
        return app;
    }

    private static async Task<Ok<InventionView>> LinkInventor(Guid id, InventorAccountBody body, HttpContext http, InventionService inventions, CancellationToken ct) =>
        TypedResults.Ok(InventionView.Of(await inventions.LinkInventorAsync(http.User.ToActingUser(), id, body.InventorKey ?? "", body.UserId ?? "", ct)));

    private static async Task<Created<InventionView>> Create(InventionDraft body, HttpContext http, InventionService inventions, CancellationToken ct)
    {
        var invention = await inventions.CreateDraftAsync(http.User.ToActingUser(), Normalise(body), ct);
        return TypedResults.Created($"/api/v1/inventions/{invention.Id}", InventionView.Of(invention));
    }

    private static async Task<Ok<List<InventionView>>> List(HttpContext http, InventionService inventions, InventionStatus? status, CancellationToken ct) =>
        TypedResults.Ok((await inventions.ListAsync(http.User.ToActingUser(), status, ct)).Select(InventionView.Of).ToList());

    private static async Task<Ok<InventionDetail>> Get(Guid id, HttpContext http, InventionActions actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.DetailAsync(http.User, id, ct));

    private static async Task<Ok<CaseProgress>> Progress(Guid id, HttpContext http, InventionActions actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.ProgressAsync(http.User, id, ct));

    private static async Task<Ok<InventionView>> Update(Guid id, InventionDraft body, HttpContext http, InventionService inventions, CancellationToken ct) =>
        TypedResults.Ok(InventionView.Of(await inventions.UpdateDraftAsync(http.User.ToActingUser(), id, Normalise(body), ct)));

    private static async Task<Ok<InventionDetail>> Submit(Guid id, HttpContext http, InventionActions actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.SubmitAsync(http.User, id, ct));

    private static async Task<Ok<InventionDetail>> Answer(Guid id, AnswerBody body, HttpContext http, InventionActions actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.AnswerAsync(http.User, id, body.Answer, ct));

    private static async Task<Ok<InventionDetail>> Screen(Guid id, ScreeningBody body, HttpContext http, InventionService inventions, InventionActions actions,
        ProcessSteps steps, CancellationToken ct)
    {
        var invention = await inventions.GetAsync(http.User.ToActingUser(), id, ct);
        var data = new JsonObject { ["screeningDecision"] = body.Decision };
        if (body.Questions is not null) data["questions"] = body.Questions;
        await steps.CompleteAsync(http.User, invention.CaseNumber, ShippedProcesses.Disclosure.Screen, data, "screen the disclosure", ct);
        return await Get(id, http, actions, ct);
    }

    private static Task<Ok<InventionDetail>> Assess(Guid id, JsonObject body, HttpContext http, InventionService inventions, InventionActions actions,
        ProcessSteps steps, CancellationToken ct)
    {
        return StepAsync(id, ShippedProcesses.Assessment.Score, body, "score the invention", http, inventions, actions, steps, ct);
    }

    private static Task<Ok<InventionDetail>> Apply(Guid id, JsonObject body, HttpContext http, InventionService inventions, InventionActions actions,
        ProcessSteps steps, CancellationToken ct) =>
        StepAsync(id, ShippedProcesses.Transfer.Apply, body, "record the patent application", http, inventions, actions, steps, ct);

    /// <summary>Records the grant, opens the reward on grant and starts its process (decide, publish, pay within the configured months).</summary>
    private static async Task<Ok<InventionView>> Grant(Guid id, GrantBody body, HttpContext http, InventionService inventions,
        TechTransfer.Rewards.RewardService rewards, ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var day = body.GrantDate is null ? (DateOnly?)null : Agreements.AgreementsApi.Day(body.GrantDate, "grantDate");
        TechTransfer.Rewards.PatentKind? kind = body.PatentKind is null ? null : TechTransfer.Common.Names.Parse<TechTransfer.Rewards.PatentKind>(body.PatentKind, "patentKind");
        // Refused before anything is recorded: the reward on grant needs the patent's kind (a case granted already answers below).
        if (kind is null && body.PatentNumber is { } number && TechTransfer.Rewards.RewardService.KindOf(number) is null
            && (await inventions.GetAsync(actor, id, ct)).PatentNumber is null)
            throw TechTransferException.Rule("required", $"Say whether {number} is an invention patent, a utility model or a design (patentKind).", "patentKind");
        var invention = await inventions.RecordGrantAsync(actor, id, body.PatentNumber, day, ct);
        var reward = await rewards.OpenGrantRewardAsync(actor, id, kind, ct);
        await steps.StartRewardAsync(invention.CaseNumber, id, reward.Id, actor.UserId, ct);
        return TypedResults.Ok(InventionView.Of(invention));
    }

    private static Task<Ok<InventionDetail>> Prepare(Guid id, JsonObject body, HttpContext http, InventionService inventions, InventionActions actions,
        ProcessSteps steps, CancellationToken ct) =>
        StepAsync(id, ShippedProcesses.Transfer.Prepare, body, "prepare the transfer file", http, inventions, actions, steps, ct);

    /// <summary>A step whose body is the task's form data as it is (checked against the form on the server).</summary>
    private static async Task<Ok<InventionDetail>> StepAsync(Guid id, string elementId, JsonObject body, string what, HttpContext http,
        InventionService inventions, InventionActions actions, ProcessSteps steps, CancellationToken ct)
    {
        var invention = await inventions.GetAsync(http.User.ToActingUser(), id, ct);
        await steps.CompleteAsync(http.User, invention.CaseNumber, elementId, body, what, ct);
        return await Get(id, http, actions, ct);
    }

    private static InventionDraft Normalise(InventionDraft draft) => draft with { Title = draft.Title ?? "", Inventors = draft.Inventors ?? [] };
}
