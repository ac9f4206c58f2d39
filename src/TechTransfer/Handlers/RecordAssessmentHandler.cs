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

    private Dictionary<string, int> Scores(Vars vars)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var given = vars["scores"] as JsonObject;
        foreach (var c in assessments.Criteria)
        {
            var node = given?[c.Key] ?? vars[CamelCase(c.Key)];
            var text = node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();
            if (decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n == decimal.Truncate(n))
                scores[c.Key] = (int)n;
        }
        return scores; // a missing criterion is refused by the service, naming it
    }

    private static string CamelCase(string key)
    {
        var parts = key.Split('-', StringSplitOptions.RemoveEmptyEntries);
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
