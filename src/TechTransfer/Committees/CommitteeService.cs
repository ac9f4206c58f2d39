using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Committees;

/// <summary>
/// The expert committee's review: members declare conflicts (and are recused), vote with reasons while nobody sees the
/// others' votes, and the chair alone closes: quorum of voting members, simple majority of votes cast, minutes with
/// attendance. The chair sees who has not voted yet and may record a member absent, so that the close need not wait for the
/// deadline. The owner of <c>tt_committee_reviews</c>, <c>tt_committee_votes</c>, <c>tt_committee_conflicts</c> and
/// <c>tt_committee_absences</c>.
/// </summary>
public sealed class CommitteeService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options,
    ICommitteeDirectory directory)
{
    /// <summary>
    /// Opens a review round with the committee's members as they are now. Members who are inventors on the case, or whom the
    /// office declared related persons of the proposed counterparty (<paramref name="ties"/>), are recused at once: they get
    /// no vote, and the evidence says who and why.
    /// </summary>
    public async Task<CommitteeReview> OpenReviewAsync(ActingUser actor, Guid inventionId, string? committeeId, string? subject,
        CounterpartyTies? ties = null, CancellationToken ct = default)
    {
        InventionService.EnsureOffice(actor);
        var id = string.IsNullOrWhiteSpace(committeeId) ? options.Committee.DefaultCommittee : committeeId;
        var roster = await directory.FindAsync(id, ct) ?? throw TechTransferException.NotFound("Committee", id);
        if (string.IsNullOrWhiteSpace(roster.ChairId)) throw TechTransferException.Rule("no-chair", $"Committee '{id}' has no chair.", "committeeId");
        if (roster.Members.Count == 0) throw TechTransferException.Rule("no-members", $"Committee '{id}' has no members.", "committeeId");
        return await store.WriteAsync(async db =>
        {
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            var now = clock.GetUtcNow();
            var members = roster.Members.Distinct(StringComparer.Ordinal).ToList();
            var review = new CommitteeReview
            {
                Id = Guid.NewGuid(), InventionId = inventionId, CommitteeId = id, ChairId = roster.ChairId,
                Members = JsonSerializer.Serialize(members), Subject = subject,
                Quorum = options.Committee.Quorum, Status = ReviewStatus.Open, OpenedAt = now, VotingEndsAt = now + options.Committee.VotingTime,
            };
            db.Reviews.Add(review);
            invention.Status = InventionStatus.InReview;
            invention.Version++;
            await evidence.AppendAsync(db, inventionId, actor, "committee.opened",
                new { review.Id, committee = id, chair = roster.ChairId, members = roster.Members, review.Quorum, subject, review.VotingEndsAt });
            foreach (var (member, reason, statement) in AutomaticRecusals(invention, members, ties))
            {
                db.Conflicts.Add(new ConflictDeclaration { ReviewId = review.Id, MemberId = member, Statement = statement, DeclaredAt = now, Reason = reason });
                await evidence.AppendAsync(db, inventionId, actor, "committee.recused-automatically",
                    new { reviewId = review.Id, member, reason = Names.Kebab(reason), statement, counterparty = ties?.Counterparty });
            }
            return review;
        }, ct);
    }

    /// <summary>Members who may not judge this case: its inventors, and the declared related persons of the counterparty.</summary>
    private static IEnumerable<(string Member, RecusalReason Reason, string Statement)> AutomaticRecusals(Invention invention, IEnumerable<string> members,
        CounterpartyTies? ties)
    {
        foreach (var member in members)
        {
            if (invention.Inventors.FirstOrDefault(i => i.UserId == member) is { } inventor)
                yield return (member, RecusalReason.Inventor,
                    $"Inventor on case {invention.CaseNumber} ({inventor.Share.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}% contribution share).");
            else if (ties?.RelatedPersons.Contains(member, StringComparer.Ordinal) == true)
                yield return (member, RecusalReason.RelatedPerson,
                    $"Declared related person of the proposed counterparty{(string.IsNullOrWhiteSpace(ties.Counterparty) ? "" : " " + ties.Counterparty)}.");
        }
    }

    /// <summary>A member declares a related-party tie: they are recused; a vote they cast is withdrawn.</summary>
    public Task DeclareConflictAsync(ActingUser actor, Guid reviewId, string statement, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var review = await LoadOpenAsync(db, reviewId, ct);
            EnsureMember(actor, review);
            if (string.IsNullOrWhiteSpace(statement))
                throw TechTransferException.Rule("required", "Describe the tie (relative, buyer, economic interest).", "statement");
            if (await db.Conflicts.AnyAsync(c => c.ReviewId == reviewId && c.MemberId == actor.UserId, ct))
                throw TechTransferException.Conflict("already-recused", "You have already declared a conflict on this review.");
            var withdrawn = await db.Votes.FirstOrDefaultAsync(v => v.ReviewId == reviewId && v.MemberId == actor.UserId, ct);
            if (withdrawn is not null) db.Votes.Remove(withdrawn);
            db.Conflicts.Add(new ConflictDeclaration { ReviewId = reviewId, MemberId = actor.UserId, Statement = statement, DeclaredAt = clock.GetUtcNow() });
            review.Version++;
            await evidence.AppendAsync(db, review.InventionId, actor, "committee.conflict-declared",
                new { reviewId, member = actor.UserId, statement, voteWithdrawn = withdrawn is not null });
        }, ct);

    /// <summary>A member's vote with its reason: once, while the review is open, and never by a recused member.</summary>
    public Task CastVoteAsync(ActingUser actor, Guid reviewId, VoteChoice choice, string? reason, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var review = await LoadOpenAsync(db, reviewId, ct);
            EnsureMember(actor, review);
            if (await db.Conflicts.FirstOrDefaultAsync(c => c.ReviewId == reviewId && c.MemberId == actor.UserId, ct) is { } recusal)
                throw TechTransferException.Forbidden(recusal.Reason == RecusalReason.Declared
                    ? "You declared a conflict of interest on this review and are recused: you cannot vote."
                    : $"You are recused from this review ({recusal.Statement}): you cannot vote.");
            // An inventor never judges their own case, whatever the review's recusals say (one opened before they were automatic).
            var invention = await InventionService.LoadAsync(db, review.InventionId, ct);
            if (invention.Inventors.Any(i => i.UserId == actor.UserId))
                throw TechTransferException.Forbidden("You are an inventor on this case and are recused: you cannot vote.");
            if (clock.GetUtcNow() > review.VotingEndsAt)
                throw TechTransferException.Conflict("voting-ended", $"Voting ended at {review.VotingEndsAt:u}.");
            if (await db.Absences.AnyAsync(a => a.ReviewId == reviewId && a.MemberId == actor.UserId, ct))
                throw TechTransferException.Conflict("recorded-absent", "The chair recorded you as absent from this review: you cannot vote in it.");
            if (string.IsNullOrWhiteSpace(reason)) throw TechTransferException.Rule("required", "Give the reason for your vote.", "reason");
            if (await db.Votes.AnyAsync(v => v.ReviewId == reviewId && v.MemberId == actor.UserId, ct))
                throw TechTransferException.Conflict("already-voted", "You have already voted on this review.");
            db.Votes.Add(new Vote { ReviewId = reviewId, MemberId = actor.UserId, Choice = choice, Reason = reason, CastAt = clock.GetUtcNow() });
            review.Version++;
            // The evidence records that a vote was cast, and the member's statement that they have no conflict and seek no
            // gain (voting without declaring a tie makes it); the vote's content joins the record at the close.
            await evidence.AppendAsync(db, review.InventionId, actor, "committee.vote-cast",
                new { reviewId, member = actor.UserId, noConflictStatement = NoConflictStatement.Text });
        }, ct);

    /// <summary>
    /// The chair records that a member who has neither voted nor declared a conflict is absent: their ballot is no longer
    /// awaited (the evidence says who recorded whom, when and why). Recording the same absence again changes nothing.
    /// </summary>
    public Task RecordAbsenceAsync(ActingUser actor, Guid reviewId, string memberId, string? note, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var review = await LoadOpenAsync(db, reviewId, ct);
            if (actor.UserId != review.ChairId)
                throw TechTransferException.Forbidden("Only the committee's chair records a member's absence.");
            if (!MembersOf(review).Contains(memberId))
                throw TechTransferException.Rule("not-a-member", $"{memberId} is not a member of this review.", "memberId");
            if (await db.Absences.AnyAsync(a => a.ReviewId == reviewId && a.MemberId == memberId, ct)) return;
            if (await db.Votes.AnyAsync(v => v.ReviewId == reviewId && v.MemberId == memberId, ct))
                throw TechTransferException.Conflict("already-voted", "This member has already voted: they are not absent.");
            if (await db.Conflicts.AnyAsync(c => c.ReviewId == reviewId && c.MemberId == memberId, ct))
                throw TechTransferException.Conflict("already-recused", "This member is recused: no ballot is awaited from them.");
            var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            db.Absences.Add(new CommitteeAbsence { ReviewId = reviewId, MemberId = memberId, RecordedBy = actor.UserId, Note = text, RecordedAt = clock.GetUtcNow() });
            review.Version++;
            await evidence.AppendAsync(db, review.InventionId, actor, "committee.absence-recorded", new { reviewId, member = memberId, note = text });
        }, ct);

    /// <summary>The chair closes the review: the tally, the outcome (no quorum, approved, rejected), minutes and attendance.</summary>
    public Task<CommitteeReview> CloseAsync(ActingUser actor, Guid reviewId, string? minutes, IReadOnlyList<string>? attendance,
        CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            var review = await LoadOpenAsync(db, reviewId, ct);
            if (actor.UserId != review.ChairId)
                throw TechTransferException.Forbidden("Only the committee's chair closes the review.");
            if (string.IsNullOrWhiteSpace(minutes)) throw TechTransferException.Rule("required", "The minutes are required.", "minutes");
            var members = MembersOf(review);
            var present = (attendance ?? []).Distinct(StringComparer.Ordinal).ToList();
            var stranger = present.FirstOrDefault(a => !members.Contains(a) && a != review.ChairId);
            if (stranger is not null) throw TechTransferException.Rule("not-a-member", $"{stranger} is not on the committee.", "attendance");

            var votes = await db.Votes.Where(v => v.ReviewId == reviewId).ToListAsync(ct);
            var recused = await db.Conflicts.Where(c => c.ReviewId == reviewId).ToListAsync(ct);
            var absent = await db.Absences.Where(a => a.ReviewId == reviewId).Select(a => a.MemberId).ToListAsync(ct);
            review.Approvals = votes.Count(v => v.Choice == VoteChoice.Approve);
            review.Rejections = votes.Count(v => v.Choice == VoteChoice.Reject);
            review.Abstentions = votes.Count(v => v.Choice == VoteChoice.Abstain);
            review.Outcome = votes.Count < review.Quorum ? ReviewOutcome.NoQuorum
                : review.Approvals * 2 > votes.Count ? ReviewOutcome.Approved
                : ReviewOutcome.Rejected;
            review.Status = ReviewStatus.Closed;
            review.ClosedAt = clock.GetUtcNow();
            review.Minutes = minutes;
            review.Attendance = JsonSerializer.Serialize(present);
            review.Version++;
            var invention = await InventionService.LoadAsync(db, review.InventionId, ct);
            if (review.Outcome == ReviewOutcome.Approved) invention.Status = InventionStatus.Pricing;
            invention.Version++;
            await evidence.AppendAsync(db, review.InventionId, actor, "committee.closed", new
            {
                reviewId, outcome = Names.Kebab(review.Outcome.Value), review.Quorum, review.Approvals, review.Rejections, review.Abstentions,
                votes = votes.OrderBy(v => v.MemberId, StringComparer.Ordinal).Select(v => new { v.MemberId, choice = Names.Kebab(v.Choice), v.Reason, v.CastAt }),
                recused = recused.OrderBy(c => c.MemberId, StringComparer.Ordinal).Select(c => new { c.MemberId, reason = Names.Kebab(c.Reason), c.Statement }),
                absent = absent.Order(StringComparer.Ordinal), attendance = present, minutes,
            });
            return review;
        }, ct);

    public async Task<ReviewView> GetAsync(ActingUser actor, Guid reviewId, CancellationToken ct = default)
    {
        var (review, votes, conflicts, absences) = await store.ReadAsync(async db =>
        {
            var r = await db.Reviews.FirstOrDefaultAsync(x => x.Id == reviewId, ct) ?? throw TechTransferException.NotFound("Review", reviewId);
            return (r, await db.Votes.Where(v => v.ReviewId == reviewId).ToListAsync(ct), await db.Conflicts.Where(c => c.ReviewId == reviewId).ToListAsync(ct),
                await db.Absences.Where(a => a.ReviewId == reviewId).ToListAsync(ct));
        }, ct);
        var members = MembersOf(review);
        var involved = members.Contains(actor.UserId) || actor.UserId == review.ChairId || actor.IsOffice;
        if (!involved) throw TechTransferException.NotFound("Review", reviewId);
        var closed = review.Status == ReviewStatus.Closed;
        static VoteView View(Vote v) => new(v.MemberId, v.Choice, v.Reason, v.CastAt);
        return new ReviewView(review.Id, review.InventionId, review.CommitteeId, review.ChairId, members, review.Subject, review.Quorum, review.Status,
            review.OpenedAt, review.VotingEndsAt, review.ClosedAt, review.Outcome, votes.Count,
            conflicts.Select(c => c.MemberId).Order(StringComparer.Ordinal).ToList(),
            votes.Where(v => v.MemberId == actor.UserId).Select(View).FirstOrDefault(),
            closed ? votes.OrderBy(v => v.MemberId, StringComparer.Ordinal).Select(View).ToList() : null,
            review.Minutes,
            review.Attendance is null ? null : JsonSerializer.Deserialize<List<string>>(review.Attendance),
            conflicts.OrderBy(c => c.MemberId, StringComparer.Ordinal).Select(c => new RecusalView(c.MemberId, c.Reason)).ToList(),
            absences.Select(a => a.MemberId).Order(StringComparer.Ordinal).ToList(),
            // Who has not voted yet: for the chair and the office, never whom anyone voted for.
            !closed && (actor.UserId == review.ChairId || actor.IsOffice)
                ? members.Where(m => votes.All(v => v.MemberId != m) && conflicts.All(c => c.MemberId != m) && absences.All(a => a.MemberId != m)).ToList()
                : null);
    }

    public async Task<List<CommitteeReview>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        var reviews = await store.ReadAsync(db => db.Reviews.Where(r => r.InventionId == inventionId).ToListAsync(ct), ct);
        return reviews.Where(r => actor.IsOffice || r.ChairId == actor.UserId || MembersOf(r).Contains(actor.UserId)).OrderBy(r => r.OpenedAt).ToList();
    }

    /// <summary>Every review the actor may see, newest first: all for the office; those of their committees for a member or chair.</summary>
    public async Task<List<CommitteeReview>> ListVisibleAsync(ActingUser actor, CancellationToken ct = default)
    {
        var reviews = await store.ReadAsync(db => db.Reviews.ToListAsync(ct), ct);
        return reviews.Where(r => actor.IsOffice || r.ChairId == actor.UserId || MembersOf(r).Contains(actor.UserId))
            .OrderByDescending(r => r.OpenedAt).ToList();
    }

    internal static List<string> MembersOf(CommitteeReview review) => JsonSerializer.Deserialize<List<string>>(review.Members) ?? [];

    private static async Task<CommitteeReview> LoadOpenAsync(TechTransferDbContext db, Guid reviewId, CancellationToken ct)
    {
        var review = await db.Reviews.FirstOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw TechTransferException.NotFound("Review", reviewId);
        if (review.Status != ReviewStatus.Open) throw TechTransferException.Conflict("review-closed", "The review is closed.");
        return review;
    }

    private static void EnsureMember(ActingUser actor, CommitteeReview review)
    {
        if (!MembersOf(review).Contains(actor.UserId))
            throw TechTransferException.Forbidden("Only the committee's members take part in its review.");
    }
}
