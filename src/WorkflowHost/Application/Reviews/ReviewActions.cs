using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Assessments;
using TechTransfer.Committees;
using TechTransfer.Common;
using TechTransfer.Disclosures;
using TechTransfer.Inventions;
using TechTransfer.Pricing;
using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using WorkflowHost.Security;

namespace WorkflowHost.Application.Reviews;

/// <summary>
/// What a committee member, the chair and the office do on a review, for the REST endpoints (<c>ReviewsApi</c>)
/// and the committee room alike: the checks before a step, the step itself (the member's <c>Task_Vote</c>, the chair's
/// <c>Task_Close</c> through <see cref="ProcessSteps"/>), and the review as the user may see it afterwards. Refusals are
/// <see cref="Refusal"/>s and <see cref="TechTransferException"/>s (problem details over HTTP, a sentence on a page).
/// </summary>
public sealed class ReviewActions(CommitteeService committees, InventionService inventions, AssessmentService assessments,
    AttachmentService attachments, PricingService pricing, ProcessSteps steps, IWorkflowQueries queries, IWorkflowRuntime runtime)
{
    /// <summary>The transfer-preparation form's data (the <c>Task_Prepare</c> step of the main process) the committee is asked to approve.</summary>
    public sealed record TransferFile(string? PricingMethod, string? ReviewSubject, decimal? Valuation, string? ValuationBasis, decimal? BasePrice,
        decimal? Price, string? Counterparty, bool RelatedParty, string? TransferMethod);

    /// <summary>A review with the case file a member reads before voting.</summary>
    public sealed record CaseFile(ReviewView Review, Invention Invention, Assessment? Assessment, TransferFile? Transfer,
        IReadOnlyList<Attachment> Attachments, IReadOnlyList<PricingRecord> Pricing);

    /// <summary>A review in the list, with what is left for the user to do on it.</summary>
    public sealed record ReviewSummary(ReviewView Review, string CaseNumber, string Title, ReviewTodo Todo);

    public enum ReviewTodo { None, DeclareOrVote, Close }

    public Task<ReviewView> GetAsync(ClaimsPrincipal user, Guid reviewId, CancellationToken ct) => committees.GetAsync(user.ToActingUser(), reviewId, ct);

    /// <summary>The invention's reviews the user may see.</summary>
    public async Task<List<ReviewView>> ListForInventionAsync(ClaimsPrincipal user, Guid inventionId, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        await inventions.GetAsync(actor, inventionId, ct); // 404 for an inventor not on it
        var views = new List<ReviewView>();
        foreach (var review in await committees.ListAsync(actor, inventionId, ct)) views.Add(await committees.GetAsync(actor, review.Id, ct));
        return views;
    }

    /// <summary>The reviews of the user's committees (all of them for the office), open ones first, with the user's part.</summary>
    public async Task<List<ReviewSummary>> ListMineAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var list = new List<ReviewSummary>();
        var titles = new Dictionary<Guid, Invention>();
        foreach (var review in await committees.ListVisibleAsync(actor, ct))
        {
            var view = await committees.GetAsync(actor, review.Id, ct);
            if (!titles.TryGetValue(view.InventionId, out var invention))
                titles[view.InventionId] = invention = await inventions.GetAsync(actor, view.InventionId, ct);
            list.Add(new ReviewSummary(view, invention.CaseNumber, invention.Title, TodoOf(view, actor.UserId)));
        }
        return list.OrderBy(s => s.Review.Status == ReviewStatus.Open ? 0 : 1).ThenByDescending(s => s.Review.OpenedAt).ToList();
    }

    /// <summary>The latest review of a case (the inbox links a case's vote and close steps here).</summary>
    public async Task<ReviewView> FindByCaseAsync(ClaimsPrincipal user, string caseNumber, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var invention = await inventions.GetByCaseNumberAsync(actor, caseNumber, ct);
        var reviews = await committees.ListAsync(actor, invention.Id, ct);
        var latest = reviews.LastOrDefault() ?? throw TechTransferException.NotFound("Review of case", caseNumber);
        return await committees.GetAsync(actor, latest.Id, ct);
    }

    /// <summary>The review and its case file: the invention, its assessment, the transfer file, attachments and pricing records.</summary>
    public async Task<CaseFile> CaseFileAsync(ClaimsPrincipal user, Guid reviewId, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var view = await committees.GetAsync(actor, reviewId, ct); // 404 for anyone not on the committee nor the office
        var invention = await inventions.GetAsync(actor, view.InventionId, ct);
        var assessment = (await assessments.ListAsync(actor, view.InventionId, ct)).LastOrDefault();
        var files = await attachments.ListAsync(actor, view.InventionId, ct);
        var records = await pricing.ListAsync(actor, view.InventionId, ct);
        return new CaseFile(view, invention, assessment, await TransferFileAsync(invention.CaseNumber, ct), files, records);
    }

    /// <summary>A member declares a tie to the counterparty and is recused (their vote step completes with <c>conflict = true</c>).</summary>
    public async Task<ReviewView> DeclareConflictAsync(ClaimsPrincipal user, Guid reviewId, string? statement, CancellationToken ct)
    {
        var (actor, view, caseNumber) = await MemberAsync(user, reviewId, ct);
        if (string.IsNullOrWhiteSpace(statement))
            throw Refusal.Invalid("statement", "Describe the tie (relative, buyer, economic interest).");
        if (view.Recused.Contains(actor.UserId))
            throw Refusal.Conflict("already-recused", "You have already declared a conflict on this review.");
        await steps.CompleteAsync(user, caseNumber, ShippedProcesses.Committee.Vote,
            new JsonObject { ["conflict"] = true, ["conflictStatement"] = statement.Trim() }, "declare a conflict on this review", ct);
        return await committees.GetAsync(actor, reviewId, ct);
    }

    /// <summary>A member votes with a reason (their vote step completes with <c>conflict = false</c>): never when recused, once.</summary>
    public async Task<ReviewView> VoteAsync(ClaimsPrincipal user, Guid reviewId, VoteChoice? choice, string? reason, CancellationToken ct)
    {
        var (actor, view, caseNumber) = await MemberAsync(user, reviewId, ct);
        if (view.Recused.Contains(actor.UserId))
            throw Refusal.Forbidden("You declared a conflict of interest on this review and are recused: you cannot vote.", "recused");
        if (view.MyVote is not null)
            throw Refusal.Conflict("already-voted", "You have already voted on this review.");
        if (view.Absent.Contains(actor.UserId))
            throw Refusal.Conflict("recorded-absent", "The chair recorded you as absent from this review: you cannot vote in it.");
        if (choice is not { } vote) throw Refusal.Invalid("vote", "Vote approve, reject or abstain.");
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Give the reason for your vote.");
        await steps.CompleteAsync(user, caseNumber, ShippedProcesses.Committee.Vote,
            new JsonObject { ["conflict"] = false, ["vote"] = Names.Kebab(vote), ["reason"] = reason.Trim() }, "vote on this review", ct);
        return await committees.GetAsync(actor, reviewId, ct);
    }

    /// <summary>
    /// The chair closes the vote with the minutes and attendance (the chair's <c>Task_Close</c>). 403 for anyone else;
    /// 409 <c>ballots-outstanding</c> while members have neither voted nor declared a conflict and voting has not ended.
    /// </summary>
    public async Task<ReviewView> CloseAsync(ClaimsPrincipal user, Guid reviewId, string? minutes, IReadOnlyList<string>? attendance, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var view = await committees.GetAsync(actor, reviewId, ct);
        if (view.ChairId != actor.UserId)
            throw Refusal.Forbidden("Only the committee's chair closes the review.");
        if (view.Status != ReviewStatus.Open)
            throw Refusal.Conflict("review-closed", "The review is closed.");
        if (string.IsNullOrWhiteSpace(minutes)) throw Refusal.Invalid("minutes", "The minutes are required.");
        if (attendance is not { Count: > 0 }) throw Refusal.Invalid("attendance", "List the members present (user ids).");
        var stranger = attendance.FirstOrDefault(a => !view.Members.Contains(a) && a != view.ChairId);
        if (stranger is not null) throw Refusal.Invalid("attendance", $"{stranger} is not on the committee.");
        var invention = await inventions.GetAsync(actor, view.InventionId, ct);
        if (!(await steps.OpenTasksAsync(invention.CaseNumber, ct)).Any(t => t.ElementId == ShippedProcesses.Committee.Close))
        {
            var outstanding = Outstanding(view);
            throw Refusal.Conflict("ballots-outstanding",
                $"{outstanding} of {view.Members.Count} members have neither voted, declared a conflict nor been recorded absent; the vote closes when all have, or when voting ends at {view.VotingEndsAt:u}.");
        }
        await steps.CompleteAsync(user, invention.CaseNumber, ShippedProcesses.Committee.Close,
            new JsonObject { ["minutes"] = minutes.Trim(), ["attendance"] = string.Join(",", attendance) }, "close the vote", ct);
        return await committees.GetAsync(actor, reviewId, ct);
    }

    /// <summary>
    /// The chair records a member who has neither voted nor declared a conflict as absent (recorded in the evidence): the
    /// member's vote step ends without a ballot (its token moves to the member's end, which the evidence records too), so
    /// that the chair can close once every other member has voted. The quorum counts the votes cast, as before.
    /// </summary>
    public async Task<ReviewView> RecordAbsenceAsync(ClaimsPrincipal user, Guid reviewId, string? memberId, string? note, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var view = await committees.GetAsync(actor, reviewId, ct);
        if (view.ChairId != actor.UserId)
            throw Refusal.Forbidden("Only the committee's chair records a member's absence.");
        if (view.Status != ReviewStatus.Open)
            throw Refusal.Conflict("review-closed", "The review is closed.");
        if (string.IsNullOrWhiteSpace(memberId)) throw Refusal.Invalid("memberId", "Name the absent member (user id).");
        if (note is { Length: > 2000 }) throw Refusal.Invalid("note", "The note has at most 2000 characters.");
        await committees.RecordAbsenceAsync(actor, reviewId, memberId, note, ct);
        var invention = await inventions.GetAsync(actor, view.InventionId, ct);
        var vote = (await steps.OpenTasksAsync(invention.CaseNumber, ct))
            .FirstOrDefault(t => t.ElementId == ShippedProcesses.Committee.Vote && t.Assignee == memberId);
        if (vote is not null)
            // The chair may end this one step, and no other: the engine's operation runs with an administrator's right on their behalf.
            await runtime.MoveTokenAsync(new TokenMoveRequest
            {
                InstanceId = vote.InstanceId, TokenId = vote.TokenId, FromElementId = vote.ElementId, ToElementId = ShippedProcesses.Committee.MemberDone,
                Reason = $"committee.absence-recorded: {memberId}",
            }, new Actor(actor.UserId, [], IsAdministrator: true), ct);
        return await committees.GetAsync(actor, reviewId, ct);
    }

    /// <summary>Members who have neither voted, declared a conflict nor been recorded absent.</summary>
    public static int Outstanding(ReviewView view) => Math.Max(0, view.Members.Count - view.BallotsCast - view.Recused.Count - view.Absent.Count);

    public static ReviewTodo TodoOf(ReviewView view, string userId)
    {
        if (view.Status != ReviewStatus.Open) return ReviewTodo.None;
        if (view.Members.Contains(userId) && !view.Recused.Contains(userId) && !view.Absent.Contains(userId) && view.MyVote is null) return ReviewTodo.DeclareOrVote;
        return view.ChairId == userId ? ReviewTodo.Close : ReviewTodo.None;
    }

    private async Task<TransferFile?> TransferFileAsync(string caseNumber, CancellationToken ct)
    {
        if (await steps.MainInstanceAsync(caseNumber, ct) is not { } main) return null;
        var vars = (await queries.GetInstanceAsync(main.Id, ct))?.State.Variables;
        if (vars is null || vars["pricingMethod"] is null) return null;
        static string? Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToString();
        static decimal? Number(JsonNode? n) => n is JsonValue v && v.TryGetValue<decimal>(out var d) ? d : decimal.TryParse(Text(n), out var p) ? p : null;
        return new TransferFile(Text(vars["pricingMethod"]), Text(vars["reviewSubject"]), Number(vars["valuation"]), Text(vars["valuationBasis"]),
            Number(vars["basePrice"]), Number(vars["price"]), Text(vars["counterparty"]), vars["relatedParty"] is JsonValue r && r.TryGetValue<bool>(out var b) && b,
            Text(vars["transferMethod"]));
    }

    /// <summary>The review as a member of it sees it, and its case number; 404 for strangers, 403 for the office (not a member).</summary>
    private async Task<(ActingUser Actor, ReviewView View, string CaseNumber)> MemberAsync(ClaimsPrincipal user, Guid reviewId, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var view = await committees.GetAsync(actor, reviewId, ct);
        if (!view.Members.Contains(actor.UserId))
            throw Refusal.Forbidden("Only the committee's members vote on a review.");
        if (view.Status != ReviewStatus.Open)
            throw Refusal.Conflict("review-closed", "The review is closed.");
        var invention = await inventions.GetAsync(actor, view.InventionId, ct);
        return (actor, view, invention.CaseNumber);
    }
}
