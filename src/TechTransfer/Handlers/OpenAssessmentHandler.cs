using System.Text.Json.Nodes;
using TechTransfer.Assessments;
using Workflows.Engine.Contracts;

namespace TechTransfer.Handlers;

/// <summary><c>tt.openAssessment</c>: opens the pre-filing assessment. Out: <c>assessmentId</c>, <c>criteria</c> (key, label,
/// weight), <c>scoringDue</c> (ISO duration from configuration).</summary>
public sealed class OpenAssessmentHandler(AssessmentService assessments, TechTransferOptions options) : DomainHandler
{
    public override string Name => "tt.openAssessment";

    protected override async Task<JsonObject?> RunAsync(Vars vars, ServiceTaskContext context, CancellationToken ct)
    {
        var assessment = await assessments.OpenAsync(AsProcess(vars), vars.Guid("inventionId"), ct);
        return Result(new
        {
            assessmentId = assessment.Id,
            criteria = assessments.Criteria.Select(c => new { c.Key, c.Label, c.Weight }),
            scoringDue = Iso(options.Assessment.ScoringTime),
        });
    }
}
