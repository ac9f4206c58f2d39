using System.Text.Json.Nodes;
using WorkflowHost.Localization;

namespace WorkflowHost.Forms;

/// <summary>
/// What a task's data must satisfy beyond its form's own fields: one field required depending on another (form-js
/// forms cannot say "required when..."). Checked before the task completes, by the generic task completion and by the
/// domain endpoints alike, because a refusal by the service task after it would leave the case at an incident instead
/// of answering the person who submitted. Keyed by form key: the rule belongs to the data the form collects.
/// </summary>
public static class StepDataRules
{
    /// <summary>The fields (bare keys) that break a rule, each with the reason; empty when the data is fine.</summary>
    public static Dictionary<string, string[]> Check(string? formKey, JsonObject data)
    {
        var errors = new Dictionary<string, string[]>();
        switch (formKey)
        {
            case "disclosure-screening":
                if (Text(data, "screeningDecision") == "questions" && Blank(data, "questions"))
                    errors["questions"] = [ProblemMessages.Sentence("Step_questions")];
                break;
            case "assessment-scoring":
                var outcome = Text(data, "assessmentOutcome");
                if (outcome == "file" && Blank(data, "filingRoute"))
                    errors["filingRoute"] = [ProblemMessages.Sentence("Step_filingRoute")];
                if (outcome is not null && outcome != "file" && Blank(data, "assessmentReasons"))
                    errors["assessmentReasons"] = [ProblemMessages.Sentence("Step_assessmentReasons")];
                break;
            case "transfer-preparation":
                // What the chosen pricing path will need: the notice publishes the price and the counterparty, the listing
                // and the auction start from the base price. Missing, the case would die at the notice's service task.
                switch (Text(data, "pricingMethod"))
                {
                    case "agreement":
                        if (!Positive(data, "price")) errors["price"] = [ProblemMessages.Sentence("Step_price")];
                        if (Blank(data, "counterparty")) errors["counterparty"] = [ProblemMessages.Sentence("Step_counterparty")];
                        break;
                    case "listing" or "auction":
                        if (!Positive(data, "basePrice")) errors["basePrice"] = [ProblemMessages.Sentence("Step_basePrice")];
                        break;
                }
                break;
            case "patent-inventory-college-review":
                if (Text(data, "collegeDecision") == "refuse" && Blank(data, "collegeReason"))
                    errors["collegeReason"] = [ProblemMessages.Sentence("Step_refusalReason")];
                break;
            case "patent-inventory-university-review":
                if (Text(data, "universityDecision") == "refuse" && Blank(data, "universityReason"))
                    errors["universityReason"] = [ProblemMessages.Sentence("Step_refusalReason")];
                break;
            case "patent-inventory-idle-funded":
                if (Text(data, "idleAction") == "state-reason" && Blank(data, "idleReason"))
                    errors["idleReason"] = [ProblemMessages.Sentence("Step_idleReason")];
                break;
        }
        return errors;
    }

    private static string? Text(JsonObject data, string key) => data[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Positive(JsonObject data, string key) =>
        data[key] is JsonValue v && v.TryGetValue<decimal>(out var amount) && amount > 0;

    private static bool Blank(JsonObject data, string key) => string.IsNullOrWhiteSpace(data[key]?.ToString());
}
