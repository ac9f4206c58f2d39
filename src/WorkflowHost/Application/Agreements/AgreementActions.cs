using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer.Inventions;
using TechTransfer.Licensing;
using TechTransfer.Pricing;
using TechTransfer.Processes;
using WorkflowHost.Security;

namespace WorkflowHost.Application.Agreements;

/// <summary>
/// Signing the agreement, the process's signing step: it opens only once the pricing has concluded, so while a public
/// notice runs or an objection is open the refusal says why; the terms pass <see cref="SigningStepCheck"/>, the check the
/// task API makes too, before the step completes (the process would only send it back).
/// </summary>
public sealed class AgreementActions(InventionService inventions, PricingService pricing, AgreementService agreements, SigningStepCheck signing,
    ProcessSteps steps, TimeProvider clock)
{
    /// <summary>Signs the agreement with the signing form's data; the agreement the process recorded.</summary>
    public async Task<Agreement> SignAsync(ClaimsPrincipal user, Guid inventionId, JsonObject data, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var invention = await inventions.GetAsync(actor, inventionId, ct);
        // Say why the signing step is not open yet, when the pricing record tells.
        var now = clock.GetUtcNow();
        var records = await pricing.ListAsync(actor, inventionId, ct);
        foreach (var record in records)
        {
            var view = await pricing.GetAsync(actor, record.Id, ct);
            if (view.OpenObjections > 0)
                throw Refusal.Conflict("objection-open",
                    $"An objection to the public notice of case {invention.CaseNumber} is open: it must be decided before signing.");
            if (record.Method == PricingMethod.Agreement && record.Status == PricingStatus.Open && now < record.WindowEndsAt)
                throw Refusal.Conflict("notice-running",
                    $"The public notice of case {invention.CaseNumber} runs until {record.WindowEndsAt:u}; nothing is signed before it ends.");
        }
        await signing.EnsureSignableAsync(actor, inventionId, data, records, ct);
        var before = (await agreements.ListAsync(actor, inventionId, ct)).Select(a => a.Id).ToHashSet();
        await steps.CompleteAsync(user, invention.CaseNumber, ShippedProcesses.Transfer.Sign, data, "sign the agreement", ct);
        return (await agreements.ListAsync(actor, inventionId, ct)).FirstOrDefault(a => !before.Contains(a.Id))
               ?? throw Refusal.Conflict("sign-refused",
                   $"The agreement of case {invention.CaseNumber} was refused by the process (see the case's history); the signing step is open again.");
    }
}
