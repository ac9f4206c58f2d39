using System.Globalization;
using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Pricing;
using WorkflowHost.Localization;

namespace WorkflowHost.Application.Agreements;

/// <summary>
/// The signing step checked before it completes, whichever way it is completed: the terms must be the concluded
/// pricing's (its counterparty, at least its price, once), never an open licence (<see cref="AgreementService.CheckSignableAsync"/>).
/// The agreement endpoint answers the domain's refusal as it is (409 / 400 naming the field); the task API, which the
/// task page's form posts to, answers it as the form's field errors. Completed first and refused by the process after,
/// the step came back with no reason and the page had said "completed".
/// </summary>
public sealed class SigningStepCheck(InventionService inventions, PricingService pricing, AgreementService agreements)
{
    public const string FormKey = "agreement-signing";

    /// <summary>
    /// Refuses (the domain's <see cref="TechTransferException"/>) terms that may not be signed on the case's pricing
    /// <paramref name="records"/>. Data that does not fit the form passes: the form's own check names what is missing.
    /// </summary>
    public async Task EnsureSignableAsync(ActingUser actor, Guid inventionId, JsonObject data, IReadOnlyList<PricingRecord> records, CancellationToken ct)
    {
        if (TermsOf(data, records) is { } terms) await agreements.CheckSignableAsync(actor, inventionId, terms, ct);
    }

    /// <summary>The field errors (keys as the form's, prefixed "variables.") or null when the terms may be signed.</summary>
    public async Task<Dictionary<string, string[]>?> CheckAsync(ActingUser actor, string caseNumber, JsonObject data, CancellationToken ct)
    {
        var invention = await inventions.GetByCaseNumberAsync(actor, caseNumber, ct);
        var records = await pricing.ListAsync(actor, invention.Id, ct);
        try
        {
            await EnsureSignableAsync(actor, invention.Id, data, records, ct);
            return null;
        }
        catch (TechTransferException e) when (e.Field is { } field)
        {
            // pricingId is no field of the form: the refusal is about the step as a whole, shown beside the counterparty.
            var key = field == "pricingId" ? "counterparty" : field;
            return new Dictionary<string, string[]> { ["variables." + key] = [ProblemMessages.Describe(e)] };
        }
    }

    /// <summary>
    /// The terms the data asks to sign, on the pricing the signing step signs (the case's last concluded one, else its last
    /// one, which says why it is not signable); null when the data does not fit the form.
    /// </summary>
    private static AgreementTerms? TermsOf(JsonObject data, IReadOnlyList<PricingRecord> records)
    {
        if (Text(data, "agreementKind") is not { } kindText || Text(data, "counterparty") is not { } counterparty
            || data["consideration"] is not JsonValue amount || !amount.TryGetValue<decimal>(out var consideration)
            || !DateOnly.TryParse(Text(data, "effectiveDate"), CultureInfo.InvariantCulture, out var effective))
            return null;
        AgreementKind kind;
        try { kind = Names.Parse<AgreementKind>(kindText, "agreementKind"); }
        catch (TechTransferException) { return null; }
        var signed = records.Where(r => r.Status == PricingStatus.Concluded).MaxBy(r => r.ClosedAt) ?? records.MaxBy(r => r.OpenedAt);
        return new AgreementTerms(kind, counterparty, consideration, effective, signed?.Id,
            DateOnly.TryParse(Text(data, "termStart"), CultureInfo.InvariantCulture, out var start) ? start : null,
            DateOnly.TryParse(Text(data, "termEnd"), CultureInfo.InvariantCulture, out var end) ? end : null,
            Text(data, "feeTerms"));
    }

    private static string? Text(JsonObject data, string key) =>
        data[key] is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
