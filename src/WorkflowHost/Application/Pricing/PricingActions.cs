using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer;
using TechTransfer.Common;
using TechTransfer.Inventions;
using TechTransfer.Pricing;
using TechTransfer.Processes;
using WorkflowHost.Security;

namespace WorkflowHost.Application.Pricing;

/// <summary>
/// What the office (and anyone, for an objection) does on a pricing record, for the REST endpoints
/// (<c>PricingApi</c>) and the pricing screens alike: the checks, the domain call or the process step
/// (<c>Task_Investigate</c>, <c>Task_Negotiate</c> through <see cref="ProcessSteps"/>), the objection message to the
/// process, and the record as the user may see it afterwards.
/// </summary>
public sealed class PricingActions(PricingService pricing, InventionService inventions, ProcessSteps steps, TechTransferOptions options)
{
    public Task<PricingView> GetAsync(ClaimsPrincipal user, Guid pricingId, CancellationToken ct) => pricing.GetAsync(user.ToActingUser(), pricingId, ct);

    /// <summary>The invention's pricing records, oldest first (the office and the committee).</summary>
    public async Task<List<PricingRecord>> ListForInventionAsync(ClaimsPrincipal user, Guid inventionId, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        await inventions.GetAsync(actor, inventionId, ct);
        return await pricing.ListAsync(actor, inventionId, ct);
    }

    /// <summary>The case's pricing records, oldest first (the inbox links a case's investigation and negotiation steps here).</summary>
    public async Task<List<PricingRecord>> ListForCaseAsync(ClaimsPrincipal user, string caseNumber, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        var invention = await inventions.GetByCaseNumberAsync(actor, caseNumber, ct);
        return await pricing.ListAsync(actor, invention.Id, ct);
    }

    /// <summary>Anyone signed in objects to a running public notice; the process is told (message <see cref="ShippedProcesses.PricingAgreement.ObjectionMessage"/>).</summary>
    public async Task<Objection> ObjectAsync(ClaimsPrincipal user, Guid pricingId, string? text, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        if (string.IsNullOrWhiteSpace(text)) throw Refusal.Invalid("text", "State the objection.");
        TextRules.Check(text, "text", options.Limits.Text); // before anything is looked up; the domain checks it again
        var view = await pricing.GetAsync(actor, pricingId, ct);
        var objection = await pricing.LodgeObjectionAsync(actor, pricingId, text.Trim(), ct);
        await TellProcessAsync(view.Record.InventionId, objection, ct);
        return objection;
    }

    /// <summary>
    /// A member of the public objects on the notice board, without an account (name, contact, reason): recorded and
    /// delivered to the process exactly as an objection from the API, so the office investigates and decides it alike.
    /// </summary>
    public async Task<Objection> ObjectPubliclyAsync(Guid pricingId, string? name, string? contact, string? text, CancellationToken ct)
    {
        // The domain checks each field (naming it) before it looks anything up.
        var objection = await pricing.LodgePublicObjectionAsync(pricingId, name, contact, text?.Trim(), ct);
        var view = await pricing.GetAsync(ActingUser.Process(null), pricingId, ct);
        await TellProcessAsync(view.Record.InventionId, objection, ct);
        return objection;
    }

    /// <summary>The objector may not see the invention; the case number is looked up as the process would.</summary>
    private async Task TellProcessAsync(Guid inventionId, Objection objection, CancellationToken ct)
    {
        var invention = await inventions.GetAsync(ActingUser.Process(null), inventionId, ct);
        await steps.CorrelateAsync(ShippedProcesses.PricingAgreement.ObjectionMessage, invention.CaseNumber, new JsonObject { ["objectionId"] = objection.Id.ToString() }, ct);
    }

    /// <summary>The office decides an objection (the process's <c>Task_Investigate</c>): upheld stops the deal, dismissed lets it go on.</summary>
    public async Task<PricingView> ResolveObjectionAsync(ClaimsPrincipal user, Guid pricingId, Guid objectionId, bool? upheld, string? resolution,
        CancellationToken ct)
    {
        var actor = user.ToActingUser();
        EnsureOffice(actor);
        var view = await pricing.GetAsync(actor, pricingId, ct);
        var objection = view.Objections.FirstOrDefault(o => o.Id == objectionId) ?? throw TechTransferException.NotFound("Objection", objectionId);
        if (objection.Status != ObjectionStatus.Open)
            throw Refusal.Conflict("already-resolved", "The objection has been decided.");
        if (upheld is not { } isUpheld) throw Refusal.Invalid("upheld", "Say whether the objection is upheld (true) or dismissed (false).");
        if (string.IsNullOrWhiteSpace(resolution)) throw Refusal.Invalid("resolution", "Record how the objection was investigated and decided.");
        var invention = await inventions.GetAsync(actor, view.Record.InventionId, ct);
        await steps.CompleteAsync(user, invention.CaseNumber, ShippedProcesses.PricingAgreement.Investigate,
            new JsonObject { ["objectionUpheld"] = isUpheld, ["objectionResolution"] = resolution.Trim() },
            "decide an objection", ct, new JsonObject { ["objectionId"] = objectionId.ToString() });
        return await pricing.GetAsync(actor, pricingId, ct);
    }

    /// <summary>The office records a qualified party's interest in a listing while its window runs.</summary>
    public async Task<PricingView> RegisterInterestAsync(ClaimsPrincipal user, Guid pricingId, string? party, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        EnsureOffice(actor);
        await pricing.RegisterInterestAsync(actor, pricingId, party ?? "", ct);
        return await pricing.GetAsync(actor, pricingId, ct);
    }

    /// <summary>The office records a bid in a running auction (invalid ones are kept, marked with the reason).</summary>
    public async Task<PricingView> PlaceBidAsync(ClaimsPrincipal user, Guid pricingId, string? bidder, decimal? amount, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        EnsureOffice(actor);
        if (amount is not { } value || value <= 0) throw Refusal.Invalid("amount", "A bid is a positive amount.");
        await pricing.PlaceBidAsync(actor, pricingId, bidder ?? "", value, ct);
        return await pricing.GetAsync(actor, pricingId, ct);
    }

    /// <summary>The price negotiated with a listing's one party (the process's <c>Task_Negotiate</c>), no less than the base price.</summary>
    public async Task<PricingView> RecordNegotiatedPriceAsync(ClaimsPrincipal user, Guid pricingId, decimal? price, CancellationToken ct)
    {
        var actor = user.ToActingUser();
        EnsureOffice(actor);
        var view = await pricing.GetAsync(actor, pricingId, ct);
        if (price is not { } value || value <= 0) throw Refusal.Invalid("negotiatedPrice", "The negotiated price is a positive amount.");
        if (value < view.Record.Price)
            throw Refusal.Invalid("negotiatedPrice", $"The negotiated price may not be below the base price {view.Record.Price:0.00}.");
        var invention = await inventions.GetAsync(actor, view.Record.InventionId, ct);
        await steps.CompleteAsync(user, invention.CaseNumber, ShippedProcesses.PricingListing.Negotiate, ProcessSteps.Data(new { negotiatedPrice = value }), "record the negotiated price", ct);
        return await pricing.GetAsync(actor, pricingId, ct);
    }

    /// <summary>The office's actions (the endpoints' <see cref="Policies.Office"/> policy says the same before a page calls).</summary>
    private static void EnsureOffice(ActingUser actor)
    {
        if (!actor.IsOffice) throw TechTransferException.Forbidden("Only the technology-transfer office does this.");
    }
}
