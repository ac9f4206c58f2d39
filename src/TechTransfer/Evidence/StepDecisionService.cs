using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using TechTransfer.Persistence;

namespace TechTransfer.Evidence;

/// <summary>
/// The decisions a user task takes that no other domain command records (release of the rights to the inventors, what to
/// do after a failed pricing or a committee without quorum...): the shipped process records them, with the form's fields,
/// as <c>step.decided</c> entries named by the decision. One action for all, so that no diagram can write an entry that
/// passes for another command's.
/// </summary>
public sealed class StepDecisionService(DomainStore store, EvidenceLog evidence, TechTransferOptions options)
{
    public const string Action = "step.decided";

    public Task RecordAsync(ActingUser actor, Guid inventionId, string decision, IReadOnlyDictionary<string, JsonNode?> fields, CancellationToken ct = default) =>
        store.WriteAsync(async db =>
        {
            if (string.IsNullOrWhiteSpace(decision)) throw TechTransferException.Rule("required", "Name the decision.", "decision");
            Common.TextRules.Check(decision, "decision", options.Limits.Name, singleLine: true);
            await InventionService.LoadAsync(db, inventionId, ct);
            var facts = new JsonObject();
            foreach (var (key, value) in fields)
            {
                if (value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                    Common.TextRules.Check(v.GetValue<string>(), key, options.Limits.Text);
                facts[key] = value?.DeepClone();
            }
            await evidence.AppendAsync(db, inventionId, actor, Action, new { decision = decision.Trim(), fields = facts }, ct);
        }, ct);
}
