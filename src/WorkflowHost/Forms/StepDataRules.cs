using System.Text.Json.Nodes;

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
                    errors["questions"] = ["Say what the inventors must answer."];
                break;
            case "assessment-scoring":
                var outcome = Text(data, "assessmentOutcome");
                if (outcome == "file" && Blank(data, "filingRoute"))
                    errors["filingRoute"] = ["Say which route to file by (invention patent, utility model, PCT...)."];
                if (outcome is not null && outcome != "file" && Blank(data, "assessmentReasons"))
                    errors["assessmentReasons"] = ["Give the reasons for not filing."];
                break;
            case "transfer-preparation":
                // What the chosen pricing path will need: the notice publishes the price and the counterparty, the listing
                // and the auction start from the base price. Missing, the case would die at the notice's service task.
                switch (Text(data, "pricingMethod"))
                {
                    case "agreement":
                        if (!Positive(data, "price")) errors["price"] = ["Agreement pricing publishes a proposed price: give it."];
                        if (Blank(data, "counterparty")) errors["counterparty"] = ["Agreement pricing names the counterparty in the notice: give it."];
                        break;
                    case "listing" or "auction":
                        if (!Positive(data, "basePrice")) errors["basePrice"] = ["A listing or an auction starts from a base price: give it."];
                        break;
                }
                break;
        }
        return errors;
    }

    private static string? Text(JsonObject data, string key) => data[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static bool Positive(JsonObject data, string key) =>
        data[key] is JsonValue v && v.TryGetValue<decimal>(out var amount) && amount > 0;

    private static bool Blank(JsonObject data, string key) => string.IsNullOrWhiteSpace(data[key]?.ToString());
}
