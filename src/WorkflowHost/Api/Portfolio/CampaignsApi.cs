using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Portfolio.Campaigns;
using WorkflowHost.Application;
using WorkflowHost.Application.Portfolio;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Portfolio;

/// <summary>
/// The inventory campaign (盘点) and the transferable-resource pool (可转化资源库): the office opens a campaign over a scope
/// of the portfolio with its deadlines; each patent's inventors grade it, its college and the university review it (each
/// a step of the patent-inventory-grading process, also done in the inbox); progress per college, the Excel return, and
/// the pool by IPC, industry, tier and route.
/// </summary>
public static class CampaignsApi
{
    public sealed record OpenBody(string? Title, string? College, bool? IncludeConverted, string? GradingDeadline, string? ReviewDeadline);
    public sealed record CampaignView(Guid Id, string Title, string? College, bool IncludeConverted, DateOnly GradingDeadline, DateOnly ReviewDeadline,
        DateTimeOffset OpenedAt, int Patents, int? Started, CampaignProgress Progress);
    public sealed record GradeBody(Dictionary<string, int>? Scores, string? TransferRoute, string? Contact, string? NotImplementedReason, string? GradeNote);
    public sealed record ReviewBody(string? Decision, string? Reason);
    public sealed record IdleBody(string? Action, string? Reason);
    public sealed record EntryView(Guid PatentId, string Number, string Title, string? College, string? IpcClasses, IReadOnlyList<string> Inventors, bool FiscallyFunded,
        DateOnly? GrantDate, CampaignEntryStatus Status, decimal? Score, string? Tier, TransferRoute? Route, string? Contact, string? GradeNote,
        ReviewDecision? CollegeDecision, string? CollegeReason, ReviewDecision? UniversityDecision, string? UniversityReason, bool IdleFunded,
        string? NotImplementedReason, IdleFundedAction? IdleAction);
    public sealed record PoolView(Guid PatentId, string Number, string Title, string? College, string? IpcSubclass, string? IpcClasses, string? Industry,
        string? Tier, TransferRoute Route, string? Contact, string Via, DateTimeOffset PooledAt, Guid CampaignId);
    public sealed record CriteriaView(IReadOnlyList<AssessmentCriterion> Criteria, IReadOnlyList<GradeTier> Tiers);

    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        var office = app.MapGroup("/api/v1/portfolio").WithTags("Portfolio campaigns").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        var signedIn = app.MapGroup("/api/v1/portfolio").WithTags("Portfolio campaigns").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        office.MapPost("/campaigns", Open).WithName("OpenCampaign").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Opens an inventory campaign (title; college, or all; includeConverted: also patents transferred or licensed; gradingDeadline and reviewDeadline, yyyy-MM-dd) over every patent in force in its scope that no open campaign holds, and starts each one's grading process. 409 nothing-in-scope.");
        office.MapGet("/campaigns", List).WithName("ListCampaigns").WithSummary("The campaigns, newest first, each with the institution's figures.");
        office.MapGet("/campaigns/criteria", Criteria).WithName("GetCampaignCriteria").WithSummary("The configured grading criteria (key, label, weight) and value tiers (key, label, minimum score).");
        signedIn.MapGet("/campaigns/{id:guid}", Get).WithName("GetCampaign").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One campaign with its figures (the office; a college reviewer sees their college's).");
        signedIn.MapGet("/campaigns/{id:guid}/progress", Progress).WithName("GetCampaignProgress").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The figures for the institution (college null, first) and per college: inventoried, graded, reviewed, pooled, refused, matched, converted, idleFunded.");
        signedIn.MapGet("/campaigns/{id:guid}/patents", Entries).WithName("ListCampaignPatents").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The campaign's patents the caller may see (the office all, a college reviewer their college's, an inventor their own): college, status, page, pageSize.");
        office.MapGet("/campaigns/{id:guid}/export", Export).WithName("ExportCampaign").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The campaign as an .xlsx sheet in the columns of the national stock-patent return (专利号 … 是否已转化).");
        office.MapPost("/campaigns/{id:guid}/start-missing", StartMissing).WithName("StartMissingGradings").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Starts the grading process of each patent of the campaign that has none (one that failed at opening); answers how many started.");
        signedIn.MapPost("/campaigns/{id:guid}/patents/{patentId:guid}/grade", Grade).WithName("GradeCampaignPatent").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The value self-grading (scores: 1 to 5 per criterion key; transferRoute: assignment, licence, open-licence, use-first-pay-later, equity, keep, abandon; contact; notImplementedReason; gradeNote): the inventors' step, the college's or the office's once overdue.");
        signedIn.MapPost("/campaigns/{id:guid}/patents/{patentId:guid}/college-review", CollegeReview).WithName("ReviewCampaignPatentForCollege").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The college's review (decision accept|refuse; reason, required to refuse): its reviewer group's step, the office's where the college has none.");
        office.MapPost("/campaigns/{id:guid}/patents/{patentId:guid}/university-review", UniversityReview).WithName("ReviewCampaignPatentForUniversity").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The university's review (decision accept|refuse; reason, required to refuse): accepted, the patent enters the pool with its grade and route.");
        office.MapPost("/campaigns/{id:guid}/patents/{patentId:guid}/idle-action", IdleAction).WithName("ActOnIdleFundedPatent").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("The office's action on a fiscally funded patent idle past the rule's years that its review did not pool (action open-licence|pool|state-reason; reason, required to state one).");
        office.MapGet("/pool", Pool).WithName("ListResourcePool").ProducesValidationProblem()
            .WithSummary("The transferable-resource pool, newest first: text (number or title), ipc (subclass such as H01M), industry, college, tier, route, openLicence=true, page, pageSize.");
        return app;
    }

    private static async Task<Created<CampaignView>> Open(OpenBody body, HttpContext http, CampaignActions actions, CampaignService campaigns, CancellationToken ct)
    {
        var grading = Agreements.AgreementsApi.Day(body.GradingDeadline, "gradingDeadline");
        var review = Agreements.AgreementsApi.Day(body.ReviewDeadline, "reviewDeadline");
        var (campaign, started) = await actions.OpenAsync(http.User, new CampaignScope(body.Title, body.College, body.IncludeConverted ?? false, grading, review), ct);
        var view = await ViewAsync(http.User.ToActingUser(), campaign, started, campaigns, ct);
        return TypedResults.Created($"/api/v1/portfolio/campaigns/{campaign.Id}", view);
    }

    private static async Task<Ok<List<CampaignView>>> List(HttpContext http, CampaignService campaigns, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var views = new List<CampaignView>();
        foreach (var c in await campaigns.ListAsync(actor, ct)) views.Add(await ViewAsync(actor, c, null, campaigns, ct));
        return TypedResults.Ok(views);
    }

    private static Ok<CriteriaView> Criteria(CampaignService campaigns) => TypedResults.Ok(new CriteriaView(campaigns.Criteria, campaigns.Tiers));

    private static async Task<Ok<CampaignView>> Get(Guid id, HttpContext http, CampaignService campaigns, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        return TypedResults.Ok(await ViewAsync(actor, await campaigns.GetAsync(actor, id, ct), null, campaigns, ct));
    }

    private static async Task<Ok<List<CampaignProgress>>> Progress(Guid id, HttpContext http, CampaignService campaigns, CancellationToken ct) =>
        TypedResults.Ok(await campaigns.ProgressAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<PagedList<EntryView>>> Entries(Guid id, string? college, string? status, int? page, int? pageSize, HttpContext http,
        CampaignService campaigns, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Count > 0) throw Refusal.Invalid("The query is not valid.", errors);
        var (items, total) = await campaigns.EntriesAsync(http.User.ToActingUser(), id, college, status is null ? null : Names.Parse<CampaignEntryStatus>(status, "status"),
            null, paging.Skip, paging.PageSize, ct);
        return TypedResults.Ok(new PagedList<EntryView>(items.Select(Entry).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<FileContentHttpResult> Export(Guid id, HttpContext http, CampaignService campaigns, TechTransferOptions options, CancellationToken ct)
    {
        var (campaign, rows, pool) = await campaigns.ExportRowsAsync(http.User.ToActingUser(), id, ct);
        var bytes = CampaignExport.Write(rows, pool, options.Licensing.DeadlineUtcOffset);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"inventory-{campaign.OpenedAt:yyyyMMdd}-{campaign.Id.ToString()[..8]}.xlsx");
    }

    private static async Task<Ok<int>> StartMissing(Guid id, HttpContext http, CampaignActions actions, CancellationToken ct) =>
        TypedResults.Ok(await actions.StartMissingAsync(http.User, id, ct));

    private static async Task<Ok<EntryView>> Grade(Guid id, Guid patentId, GradeBody body, HttpContext http, CampaignActions actions, CampaignService campaigns, CancellationToken ct)
    {
        await actions.GradeAsync(http.User, id, patentId, body.Scores, body.TransferRoute, body.Contact, body.NotImplementedReason, body.GradeNote, ct);
        return await EntryAsync(http, campaigns, id, patentId, ct);
    }

    private static async Task<Ok<EntryView>> CollegeReview(Guid id, Guid patentId, ReviewBody body, HttpContext http, CampaignActions actions, CampaignService campaigns,
        CancellationToken ct)
    {
        await actions.ReviewAsync(http.User, id, patentId, university: false, body.Decision, body.Reason, ct);
        return await EntryAsync(http, campaigns, id, patentId, ct);
    }

    private static async Task<Ok<EntryView>> UniversityReview(Guid id, Guid patentId, ReviewBody body, HttpContext http, CampaignActions actions, CampaignService campaigns,
        CancellationToken ct)
    {
        await actions.ReviewAsync(http.User, id, patentId, university: true, body.Decision, body.Reason, ct);
        return await EntryAsync(http, campaigns, id, patentId, ct);
    }

    private static async Task<Ok<EntryView>> IdleAction(Guid id, Guid patentId, IdleBody body, HttpContext http, CampaignActions actions, CampaignService campaigns,
        CancellationToken ct)
    {
        await actions.IdleActionAsync(http.User, id, patentId, body.Action, body.Reason, ct);
        return await EntryAsync(http, campaigns, id, patentId, ct);
    }

    private static async Task<Ok<PagedList<PoolView>>> Pool(string? text, string? ipc, string? industry, string? college, string? tier, string? route, bool? openLicence,
        int? page, int? pageSize, HttpContext http, CampaignService campaigns, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var paging = Paging.From(page, pageSize, errors);
        if (errors.Count > 0) throw Refusal.Invalid("The query is not valid.", errors);
        var query = new PoolQuery(text, ipc, industry, college, tier, route is null ? null : Names.Parse<TransferRoute>(route, "route"), openLicence ?? false,
            paging.Skip, paging.PageSize);
        var (items, total) = await campaigns.PoolAsync(http.User.ToActingUser(), query, ct);
        return TypedResults.Ok(new PagedList<PoolView>(items.Select(i => new PoolView(i.Patent.Id, i.Patent.Number, i.Patent.Title, i.Pool.College, i.Pool.IpcSubclass,
            i.Patent.IpcClasses, i.Pool.Industry, i.Pool.Tier, i.Pool.Route, i.Pool.Contact, i.Pool.Via, i.Pool.PooledAt, i.Pool.CampaignId)).ToList(), total, paging.Page, paging.PageSize));
    }

    /// <summary>The entry as it is once the step's service task ran (the step completes at once; its service task follows in the same run).</summary>
    private static async Task<Ok<EntryView>> EntryAsync(HttpContext http, CampaignService campaigns, Guid id, Guid patentId, CancellationToken ct)
    {
        var (items, _) = await campaigns.EntriesAsync(http.User.ToActingUser(), id, null, null, patentId, 0, 1, ct);
        return TypedResults.Ok(Entry(items.Single()));
    }

    private static async Task<CampaignView> ViewAsync(ActingUser actor, InventoryCampaign c, int? started, CampaignService campaigns, CancellationToken ct) =>
        new(c.Id, c.Title, c.College, c.IncludeConverted, c.GradingDeadline, c.ReviewDeadline, c.OpenedAt, c.Patents, started,
            (await campaigns.ProgressAsync(actor, c.Id, ct))[0]);

    private static EntryView Entry(CampaignPatentView v) => new(v.Patent.Id, v.Patent.Number, v.Patent.Title, v.Entry.College, v.Patent.IpcClasses,
        v.Patent.Inventors.Select(i => i.Name).ToList(), v.Patent.FiscallyFunded, v.Patent.GrantDate, v.Entry.Status, v.Entry.Score, v.Entry.Tier, v.Entry.Route,
        v.Entry.Contact, v.Entry.GradeNote, v.Entry.CollegeDecision, v.Entry.CollegeReason, v.Entry.UniversityDecision, v.Entry.UniversityReason, v.Entry.IdleFunded,
        v.Entry.NotImplementedReason, v.Entry.IdleAction);
}
