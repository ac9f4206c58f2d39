using System.Text.Json.Nodes;
using TechTransfer.Assessments;
using TechTransfer.Common;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary>
/// <c>tt.recordAssessment</c>: records the scoring form. Scores come from a <c>scores</c> object keyed by criterion, or
/// from one variable per criterion named in camelCase (<c>technical-value</c> -> <c>technicalValue</c>). In:
/// <c>assessmentOutcome</c>, <c>filingRoute</c>, <c>assessmentReasons</c>. Out: <c>weightedScore</c>, <c>recommendedOutcome</c>.
/// </summary>
public sealed class RecordAssessmentHandler(AssessmentService assessments) : DomainHandler
{
    public override string Name => "tt.recordAssessment";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var id = vars.Guid("assessmentId");
        var existing = await assessments.GetAsync(AsProcess(), id, ct);
        var assessment = existing.Status == AssessmentStatus.Decided
            ? existing
            : await assessments.RecordAsync(OnBehalfOfTaskCompleter(vars), id, Scores(vars),
                Names.Parse<AssessmentOutcome>(vars.String("assessmentOutcome"), "assessmentOutcome"),
                vars.OptionalString("filingRoute"), vars.OptionalString("assessmentReasons"), ct);
        return Result(new
        {
            weightedScore = assessment.WeightedScore,
            recommendedOutcome = assessment.Recommended is { } r ? Names.Kebab(r) : null,
            assessmentOutcome = Names.Kebab(assessment.Outcome!.Value),
        });
    }

    private Dictionary<string, int> Scores(Vars vars) => CriterionScores(vars, assessments.Criteria.Select(c => c.Key));
}
