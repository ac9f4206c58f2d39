using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Inventions;
using TechTransfer.Pricing;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Pricing;

/// <summary>
/// Pricing records. The process opens them (a public notice, a listing, an auction) from the transfer file once the
/// committee approves, and closes them when their windows end (timers; nothing here shortens a window). Here: anyone
/// signed in may object to a running public notice (the objection is also delivered to the process as message
/// <c>PublicNoticeObjection</c>); the office records interested parties and bids from the exchange, decides objections
/// and records a negotiated price (process steps).
/// </summary>
public static class PricingApi
{
    /// <summary>The message the pricing-agreement process catches, correlated by the case number.</summary>
    public const string ObjectionMessage = "PublicNoticeObjection";

    public sealed record ObjectionBody(string? Text);
    public sealed record ResolveBody(bool? Upheld, string? Resolution);
    public sealed record InterestBody(string? Party);
    public sealed record BidBody(string? Bidder, decimal? Amount);
    public sealed record NegotiatedBody(decimal? NegotiatedPrice);

    public static IEndpointRouteBuilder MapPricingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Pricing").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/inventions/{id:guid}/pricing", List).WithName("ListPricing")
            .WithSummary("The invention's pricing records, oldest first (the office and the committee).").ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/pricing/{id:guid}", Get).WithName("GetPricing")
            .WithSummary("A pricing record with objections, interested parties and bids; anyone may read a public notice (with only their own objections).");
        group.MapPost("/pricing/{id:guid}/objections", Object).WithName("LodgeObjection")
            .WithSummary("Lodges an objection against a running public notice; signing waits until the office has decided it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        var office = group.MapGroup("").RequireAuthorization(Policies.Office).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        office.MapPost("/pricing/{id:guid}/objections/{objectionId:guid}/resolve", Resolve).WithName("ResolveObjection")
            .WithSummary("The office decides an objection after investigating it (the process's investigation step): upheld stops the deal, dismissed lets it go on.");
        office.MapPost("/pricing/{id:guid}/interest", Interest).WithName("RegisterInterest")
            .WithSummary("Records a qualified party's interest in a listing while its window runs.");
        office.MapPost("/pricing/{id:guid}/bids", Bid).WithName("PlaceBid")
            .WithSummary("Records a bid in a running auction; bids below the reserve or from parties not qualified on the listing are kept, marked invalid.");
        office.MapPost("/pricing/{id:guid}/negotiated-price", Negotiated).WithName("RecordNegotiatedPrice")
            .WithSummary("The price negotiated with the one interested party of a listing (no less than the base; the process's negotiation step).");
        return app;
    }

    private static async Task<Ok<List<PricingRecord>>> List(Guid id, HttpContext http, InventionService inventions, PricingService pricing, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        await inventions.GetAsync(actor, id, ct);
        return TypedResults.Ok(await pricing.ListAsync(actor, id, ct));
    }

    private static async Task<Ok<PricingView>> Get(Guid id, HttpContext http, PricingService pricing, CancellationToken ct) =>
        TypedResults.Ok(await pricing.GetAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Created<Objection>> Object(Guid id, ObjectionBody body, HttpContext http, PricingService pricing, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        if (string.IsNullOrWhiteSpace(body.Text)) throw ApiProblemException.Invalid("text", "State the objection.");
        if (body.Text.Length > 8000) throw ApiProblemException.Invalid("text", "An objection has at most 8000 characters.");
        var view = await pricing.GetAsync(actor, id, ct);
        var objection = await pricing.LodgeObjectionAsync(actor, id, body.Text.Trim(), ct);
        // The objector may not see the invention; the case number is looked up as the process would.
        var invention = await inventions.GetAsync(ActingUser.Process(null), view.Record.InventionId, ct);
        await steps.CorrelateAsync(ObjectionMessage, invention.CaseNumber, new JsonObject { ["objectionId"] = objection.Id.ToString() }, ct);
        return TypedResults.Created($"/api/v1/pricing/{id}", objection);
    }

    private static async Task<Ok<PricingView>> Resolve(Guid id, Guid objectionId, ResolveBody body, HttpContext http, PricingService pricing,
        InventionService inventions, ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var view = await pricing.GetAsync(actor, id, ct);
        var objection = view.Objections.FirstOrDefault(o => o.Id == objectionId) ?? throw TechTransferException.NotFound("Objection", objectionId);
        if (objection.Status != ObjectionStatus.Open)
            throw new ApiProblemException(StatusCodes.Status409Conflict, "already-resolved", "The objection has been decided.");
        if (body.Upheld is not { } upheld) throw ApiProblemException.Invalid("upheld", "Say whether the objection is upheld (true) or dismissed (false).");
        if (string.IsNullOrWhiteSpace(body.Resolution)) throw ApiProblemException.Invalid("resolution", "Record how the objection was investigated and decided.");
        var invention = await inventions.GetAsync(actor, view.Record.InventionId, ct);
        await steps.CompleteAsync(http.User, invention.CaseNumber, "Task_Investigate",
            new JsonObject { ["objectionUpheld"] = upheld, ["objectionResolution"] = body.Resolution.Trim() },
            "decide an objection", ct, new JsonObject { ["objectionId"] = objectionId.ToString() });
        return TypedResults.Ok(await pricing.GetAsync(actor, id, ct));
    }

    private static async Task<Ok<PricingView>> Interest(Guid id, InterestBody body, HttpContext http, PricingService pricing, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        await pricing.RegisterInterestAsync(actor, id, body.Party ?? "", ct);
        return TypedResults.Ok(await pricing.GetAsync(actor, id, ct));
    }

    private static async Task<Ok<PricingView>> Bid(Guid id, BidBody body, HttpContext http, PricingService pricing, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        if (body.Amount is not { } amount || amount <= 0) throw ApiProblemException.Invalid("amount", "A bid is a positive amount.");
        await pricing.PlaceBidAsync(actor, id, body.Bidder ?? "", amount, ct);
        return TypedResults.Ok(await pricing.GetAsync(actor, id, ct));
    }

    private static async Task<Ok<PricingView>> Negotiated(Guid id, NegotiatedBody body, HttpContext http, PricingService pricing, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var view = await pricing.GetAsync(actor, id, ct);
        if (body.NegotiatedPrice is not { } price || price <= 0) throw ApiProblemException.Invalid("negotiatedPrice", "The negotiated price is a positive amount.");
        if (price < view.Record.Price)
            throw ApiProblemException.Invalid("negotiatedPrice", $"The negotiated price may not be below the base price {view.Record.Price:0.00}.");
        var invention = await inventions.GetAsync(actor, view.Record.InventionId, ct);
        await steps.CompleteAsync(http.User, invention.CaseNumber, "Task_Negotiate", new JsonObject { ["negotiatedPrice"] = price }, "record the negotiated price", ct);
        return TypedResults.Ok(await pricing.GetAsync(actor, id, ct));
    }
}
