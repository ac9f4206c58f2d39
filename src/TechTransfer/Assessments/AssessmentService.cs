using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechTransfer.Common;
using TechTransfer.Evidence;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Assessments;

/// <summary>
/// Pre-filing assessment: the office scores the configured criteria 1-5, the weighted score recommends filing or not,
/// and the office records the outcome with its reasons. The owner of <c>tt_assessments</c>.
/// </summary>
public sealed class AssessmentService(DomainStore store, EvidenceLog evidence, TimeProvider clock, TechTransferOptions options)
{
    public IReadOnlyList<AssessmentCriterion> Criteria => options.Assessment.Criteria;

    /// <summary>Opens an assessment of an accepted disclosure (the open one, if there is one).</summary>
    public Task<Assessment> OpenAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var invention = await InventionService.LoadAsync(db, inventionId, ct);
            if (invention.Status is InventionStatus.Draft or InventionStatus.Submitted or InventionStatus.Returned)
                throw TechTransferException.Conflict("wrong-status", $"{invention.CaseNumber} is not accepted yet; it cannot be assessed.");
            var open = await db.Assessments.FirstOrDefaultAsync(a => a.InventionId == inventionId && a.Status == AssessmentStatus.Open, ct);
            if (open is not null) return open;
            var assessment = new Assessment { Id = Guid.NewGuid(), InventionId = inventionId, Status = AssessmentStatus.Open, OpenedAt = clock.GetUtcNow() };
            db.Assessments.Add(assessment);
            await evidence.AppendAsync(db, inventionId, actor, "assessment.opened",
                new { assessment.Id, criteria = Criteria.Select(c => new { c.Key, c.Weight }) });
            return assessment;
        }, ct);

    /// <summary>Records the scores (every configured criterion, 1 to 5) and the outcome the office chose.</summary>
    public Task<Assessment> RecordAsync(ActingUser actor, Guid assessmentId, IReadOnlyDictionary<string, int> scores, AssessmentOutcome outcome,
        string? route, string? reasons, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            InventionService.EnsureOffice(actor);
            var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == assessmentId, ct)
                             ?? throw TechTransferException.NotFound("Assessment", assessmentId);
            if (assessment.Status != AssessmentStatus.Open)
                throw TechTransferException.Conflict("already-decided", "This assessment has been decided.");
            var weighted = WeightedScore(scores);
            if (outcome == AssessmentOutcome.File && string.IsNullOrWhiteSpace(route))
                throw TechTransferException.Rule("required", "Say which route to file by (invention patent, utility model, PCT...).", "route");
            if (outcome != AssessmentOutcome.File && string.IsNullOrWhiteSpace(reasons))
                throw TechTransferException.Rule("required", "Give the reasons for not filing.", "reasons");

            assessment.Scores = JsonSerializer.Serialize(scores, EvidenceLog.Json);
            assessment.WeightedScore = weighted;
            assessment.Recommended = weighted >= options.Assessment.FileThreshold ? AssessmentOutcome.File : AssessmentOutcome.Abandon;
            assessment.Outcome = outcome;
            assessment.Route = route;
            assessment.Reasons = reasons;
            assessment.AssessedBy = actor.UserId;
            assessment.AssessedAt = clock.GetUtcNow();
            assessment.Status = AssessmentStatus.Decided;

            var invention = await InventionService.LoadAsync(db, assessment.InventionId, ct);
            invention.Status = outcome switch
            {
                AssessmentOutcome.File => InventionStatus.Assessed,
                AssessmentOutcome.MoreInformation => invention.Status,
                _ => InventionStatus.Closed,
            };
            invention.Version++;
            await evidence.AppendAsync(db, assessment.InventionId, actor, "assessment.decided", new
            {
                assessment.Id, scores, weighted, recommended = Names.Kebab(assessment.Recommended.Value), outcome = Names.Kebab(outcome), route, reasons,
            });
            return assessment;
        }, ct);

    /// <summary>The weighted score of a full set of scores (weights normalised to their sum).</summary>
    public decimal WeightedScore(IReadOnlyDictionary<string, int> scores) => Common.WeightedScore.Of(Criteria, scores, "an assessment criterion");

    public async Task<List<Assessment>> ListAsync(ActingUser actor, Guid inventionId, CancellationToken ct = default)
    {
        await InventionService.EnsureCanReadAsync(store, actor, inventionId, ct);
        var list = await store.ReadAsync(db => db.Assessments.Where(a => a.InventionId == inventionId).ToListAsync(ct), ct);
        return list.OrderBy(a => a.OpenedAt).ToList();
    }

    public async Task<Assessment> GetAsync(ActingUser actor, Guid assessmentId, CancellationToken ct = default)
    {
        var assessment = await store.ReadAsync(db => db.Assessments.FirstOrDefaultAsync(a => a.Id == assessmentId, ct), ct)
                         ?? throw TechTransferException.NotFound("Assessment", assessmentId);
        var visible = await store.ReadAsync(async db =>
            await CaseAccess.MayReadAsync(db, actor, await InventionService.LoadAsync(db, assessment.InventionId, ct), ct), ct);
        if (!visible) throw TechTransferException.NotFound("Assessment", assessmentId);
        return assessment;
    }
}
