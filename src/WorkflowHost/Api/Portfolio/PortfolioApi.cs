using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Portfolio;
using TechTransfer.Portfolio.Import;
using TechTransfer.Processes;
using TechTransfer.Rewards;
using WorkflowHost.Application;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Portfolio;

/// <summary>
/// The patent portfolio for the office: every patent the institution holds, searched and filtered; the bulk import of a
/// register (Excel or CSV: preview with a report by row and column, then commit, all or nothing, idempotent by patent
/// number); the annual-fee calendar, fee payments, and the keep-or-abandon decision before a fee is due (a step of the
/// patent-fee-decision process, which the fee calendar starts); each patent's evidence.
/// </summary>
public static class PortfolioApi
{
    public sealed record PatentView(Guid Id, string Number, string Title, PatentKind? Kind, DateOnly FilingDate, DateOnly? GrantDate,
        PatentLegalStatus LegalStatus, DateOnly? NextFeeDue, DateOnly? GraceEnds, string? Holder, string? College, IReadOnlyList<string> IpcClasses,
        IReadOnlyList<InventorView> Inventors, bool FiscallyFunded, string? FundedProject, string? Funder, int Transfers, int Licences,
        Guid? InventionId, PatentSource Source, FeeDecision? FeeDecision, DateOnly? FeeDecisionFor, DateTimeOffset UpdatedAt);
    public sealed record InventorView(string Name, string? UserId);
    public sealed record FeePaymentBody(string? Due, string? PaidOn, string? Reference);
    public sealed record FeeDecisionBody(string? FeeDecision, string? DecisionReason, string? CollegeOpinion, string? CollegeReason);

    public static IEndpointRouteBuilder MapPortfolioApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/portfolio").WithTags("Portfolio").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/patents", List).WithName("ListPortfolioPatents").ProducesValidationProblem()
            .WithSummary("The patents the institution holds, by number: text (number, title or inventor), status (valid, grace-period, lapsed), kind, college, feeDueBy (yyyy-MM-dd), page, pageSize.");
        group.MapGet("/patents/{id:guid}", Get).WithName("GetPortfolioPatent").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One patent of the portfolio, with its inventors (and their accounts), fee calendar and decision.");
        group.MapGet("/patents/{id:guid}/evidence", EvidenceOf).WithName("GetPortfolioPatentEvidence").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The patent's evidence, oldest first: fee payments, keep-or-abandon decisions with the views they were taken with, status changes (its invention's pack when it came through a disclosure).");
        group.MapGet("/colleges", Colleges).WithName("ListPortfolioColleges").WithSummary("The colleges the portfolio names (for filters).");
        group.MapGet("/fee-calendar", Calendar).WithName("GetFeeCalendar").ProducesValidationProblem()
            .WithSummary("The annual fees due from 'from' to 'to' (yyyy-MM-dd; the next 12 months by default) of patents in force or in their grace period, with the grace period's end, when the keep-or-abandon decision opens, and the decision.");
        group.MapPost("/patents/{id:guid}/fee-payments", Pay).WithName("RecordFeePayment").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Records that the annual fee due on 'due' was paid on 'paidOn' (a reference optional): the next fee falls due on the next filing anniversary; a patent in its grace period is in force again. 409 when that is not the fee due.");
        group.MapPost("/patents/{id:guid}/fee-decision", Decide).WithName("DecideFee").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The office's keep-or-abandon decision before the fee is due (feeDecision keep|abandon, decisionReason, collegeOpinion keep|abandon|none, collegeReason): the step of the patent-fee-decision process (the office head's once overdue); 409 when no decision is open.");
        group.MapPost("/imports", Preview).WithName("PreviewPortfolioImport").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Checks a register (multipart/form-data, part 'file': .xlsx or .csv with headers such as 专利号, 专利名称, 专利类型, 申请日, 授权公告日, 法律状态, 发明人, 专利权人, 主分类号, 所属学院) and answers what each row would do and every problem (row, column, problem), writing nothing.");
        group.MapPost("/imports/commit", Commit).WithName("CommitPortfolioImport").DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Imports the register (part 'file'; part 'sha256': the preview's, to be sure it is the same file) in one transaction: all of it, or nothing when any row has an error (422). Patents are updated by their normalized number; the same file again changes nothing.");
        return app;
    }

    private static async Task<Ok<PagedList<PatentView>>> List(string? text, string? status, string? kind, string? college, string? feeDueBy, int? page, int? pageSize,
        HttpContext http, PortfolioService portfolio, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Count > 0) throw Refusal.Invalid("The query is not valid.", errors);
        var query = new PortfolioQuery(text, status is null ? null : Names.Parse<PatentLegalStatus>(status, "status"),
            kind is null ? null : Names.Parse<PatentKind>(kind, "kind"), college, feeDueBy is null ? null : Agreements.AgreementsApi.Day(feeDueBy, "feeDueBy"),
            paging.Skip, paging.PageSize);
        var found = await portfolio.ListAsync(http.User.ToActingUser(), query, ct);
        return TypedResults.Ok(new PagedList<PatentView>(found.Items.Select(View).ToList(), found.Total, paging.Page, paging.PageSize));
    }

    private static async Task<Ok<PatentView>> Get(Guid id, HttpContext http, PortfolioService portfolio, CancellationToken ct) =>
        TypedResults.Ok(View(await portfolio.GetAsync(http.User.ToActingUser(), id, ct)));

    private static async Task<Ok<List<EvidenceEntry>>> EvidenceOf(Guid id, HttpContext http, PortfolioService portfolio, EvidenceLog evidence, CancellationToken ct)
    {
        var patent = await portfolio.GetAsync(http.User.ToActingUser(), id, ct);
        return TypedResults.Ok(await evidence.EntriesAsync(patent.EvidenceChain, ct));
    }

    private static async Task<Ok<List<string>>> Colleges(HttpContext http, PortfolioService portfolio, CancellationToken ct) =>
        TypedResults.Ok(await portfolio.CollegesAsync(http.User.ToActingUser(), ct));

    private static async Task<Ok<List<FeeCalendarEntry>>> Calendar(string? from, string? to, HttpContext http, PortfolioService portfolio, TimeProvider clock,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from is null ? today : Agreements.AgreementsApi.Day(from, "from");
        var end = to is null ? start.AddYears(1) : Agreements.AgreementsApi.Day(to, "to");
        return TypedResults.Ok(await portfolio.FeeCalendarAsync(http.User.ToActingUser(), start, end, ct));
    }

    private static async Task<Ok<PatentView>> Pay(Guid id, FeePaymentBody body, HttpContext http, PortfolioService portfolio, CancellationToken ct)
    {
        var due = Agreements.AgreementsApi.Day(body.Due, "due");
        var paidOn = Agreements.AgreementsApi.Day(body.PaidOn, "paidOn");
        return TypedResults.Ok(View(await portfolio.RecordFeePaymentAsync(http.User.ToActingUser(), id, due, paidOn, body.Reference, ct)));
    }

    private static async Task<Ok<PatentView>> Decide(Guid id, FeeDecisionBody body, HttpContext http, PortfolioService portfolio, ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var patent = await portfolio.GetAsync(actor, id, ct);
        var data = new JsonObject
        {
            ["feeDecision"] = body.FeeDecision, ["decisionReason"] = body.DecisionReason, ["collegeOpinion"] = body.CollegeOpinion ?? "none",
        };
        if (body.CollegeReason is not null) data["collegeReason"] = body.CollegeReason;
        var open = (await steps.OpenTasksAsync(patent.Number, ct)).Any(t => t.ElementId == ShippedProcesses.PatentFeeDecision.DecideOverdue);
        await steps.CompleteAsync(http.User, patent.Number, open ? ShippedProcesses.PatentFeeDecision.DecideOverdue : ShippedProcesses.PatentFeeDecision.Decide,
            data, "decide whether to keep the patent", ct);
        return TypedResults.Ok(View(await portfolio.GetAsync(actor, id, ct)));
    }

    private static async Task<Ok<ImportReport>> Preview(HttpRequest request, PortfolioImport import, TechTransferOptions options, CancellationToken ct)
    {
        var (content, name, _) = await ReadFileAsync(request, options, ct);
        return TypedResults.Ok(await import.PreviewAsync(request.HttpContext.User.ToActingUser(), content, name, ct));
    }

    private static async Task<Ok<ImportReport>> Commit(HttpRequest request, PortfolioImport import, TechTransferOptions options, CancellationToken ct)
    {
        var (content, name, form) = await ReadFileAsync(request, options, ct);
        var sha256 = form.TryGetValue("sha256", out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;
        return TypedResults.Ok(await import.CommitAsync(request.HttpContext.User.ToActingUser(), content, name, sha256, ct));
    }

    private static async Task<(byte[] Content, string Name, IFormCollection Form)> ReadFileAsync(HttpRequest request, TechTransferOptions options, CancellationToken ct)
    {
        var max = options.Portfolio.MaxImportBytes;
        var (form, file) = await MultipartUpload.ReadAsync(request, max, () => TooLarge(max),
            "Upload the register as multipart/form-data, in a part named 'file' (.xlsx or .csv).", "Send the register in a part named 'file'.", ct);
        if (file.Length > max) throw TooLarge(max);
        using var buffer = new MemoryStream((int)file.Length);
        await using (var stream = file.OpenReadStream()) await stream.CopyToAsync(buffer, ct);
        return (buffer.ToArray(), file.FileName, form);
    }

    private static Refusal TooLarge(long max)
    {
        var message = $"One import takes a file of at most {max / 1024 / 1024.0:0.#} MB.";
        return new(RefusalKind.TooLarge, "file-too-large", message, new Dictionary<string, string[]> { ["file"] = [message] });
    }

    public static PatentView View(Patent p) => new(p.Id, p.Number, p.Title, p.Kind, p.FilingDate, p.GrantDate, p.LegalStatus, p.NextFeeDue,
        p.NextFeeDue is { } due ? FeeCalendar.GraceEnds(due) : null, p.Holder, p.College,
        (p.IpcClasses ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        p.Inventors.OrderBy(i => i.Position).Select(i => new InventorView(i.Name, i.UserId)).ToList(), p.FiscallyFunded, p.FundedProject, p.Funder,
        p.Transfers, p.Licences, p.InventionId, p.Source, p.FeeDecision, p.FeeDecisionFor, p.UpdatedAt);
}
