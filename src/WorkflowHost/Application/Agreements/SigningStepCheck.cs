using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Pricing;
using WorkflowHost.Api.Agreements;

namespace WorkflowHost.Application.Agreements;

/// <summary>
/// The signing step checked before it completes, whichever way it is completed (the agreement endpoint, the task page,
/// the generic task API): the concluded pricing's counterparty and price, once, never an open licence. Completed first
/// and refused by the process after, the step came back with no reason and the page had said "completed".
/// </summary>
public static class SigningStepCheck
{
    public const string FormKey = "agreement-signing";

    /// <summary>The field errors (keys as the form's, prefixed "variables.") or null when the terms may be signed.</summary>
    public static async Task<Dictionary<string, string[]>?> CheckAsync(ActingUser actor, string caseNumber, JsonObject data,
        InventionService inventions, PricingService pricing, AgreementService agreements, CancellationToken ct)
    {
        var invention = await inventions.GetByCaseNumberAsync(actor, caseNumber, ct);
        var records = await pricing.ListAsync(actor, invention.Id, ct);
        if (AgreementsApi.TermsOf(data, records) is not { } terms) return null; // the form's own check names what is missing
        try
        {
            await agreements.CheckSignableAsync(actor, invention.Id, terms, ct);
            return null;
        }
        catch (TechTransferException e) when (e.Field is { } field)
        {
            // pricingId is no field of the form: the refusal is about the step as a whole, shown beside the counterparty.
            var key = field == "pricingId" ? "counterparty" : field;
            return new Dictionary<string, string[]> { ["variables." + key] = [Localization.ProblemMessages.Describe(e)] };
        }
    }
}
