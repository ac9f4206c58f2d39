using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Pricing;
using WorkflowHost.Application.Pricing;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Pricing;

/// <summary>
/// Pricing records. The process opens them (a public notice, a listing, an auction) from the transfer file once the
/// committee approves, and closes them when their windows end (timers; nothing here shortens a window). Here: anyone
/// signed in may object to a running public notice (the objection is also delivered to the process as message
/// <c>PublicNoticeObjection</c>); the office records interested parties and bids from the exchange, decides objections
/// and records a negotiated price (process steps). The handlers call
/// <see cref="PricingActions"/>, as the pricing screens do.
/// </summary>
public static class PricingApi
{
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

    private static async Task<Ok<List<PricingRecord>>> List(Guid id, HttpContext http, PricingActions pricing, CancellationToken ct) =>
        TypedResults.Ok(await pricing.ListForInventionAsync(http.User, id, ct));

    private static async Task<Ok<PricingView>> Get(Guid id, HttpContext http, PricingActions pricing, CancellationToken ct) =>
        TypedResults.Ok(await pricing.GetAsync(http.User, id, ct));

    private static async Task<Created<Objection>> Object(Guid id, ObjectionBody body, HttpContext http, PricingActions pricing, CancellationToken ct) =>
        TypedResults.Created($"/api/v1/pricing/{id}", await pricing.ObjectAsync(http.User, id, body.Text, ct));

    private static async Task<Ok<PricingView>> Resolve(Guid id, Guid objectionId, ResolveBody body, HttpContext http, PricingActions pricing,
        CancellationToken ct) =>
        TypedResults.Ok(await pricing.ResolveObjectionAsync(http.User, id, objectionId, body.Upheld, body.Resolution, ct));

    private static async Task<Ok<PricingView>> Interest(Guid id, InterestBody body, HttpContext http, PricingActions pricing, CancellationToken ct) =>
        TypedResults.Ok(await pricing.RegisterInterestAsync(http.User, id, body.Party, ct));

    private static async Task<Ok<PricingView>> Bid(Guid id, BidBody body, HttpContext http, PricingActions pricing, CancellationToken ct) =>
        TypedResults.Ok(await pricing.PlaceBidAsync(http.User, id, body.Bidder, body.Amount, ct));

    private static async Task<Ok<PricingView>> Negotiated(Guid id, NegotiatedBody body, HttpContext http, PricingActions pricing, CancellationToken ct) =>
        TypedResults.Ok(await pricing.RecordNegotiatedPriceAsync(http.User, id, body.NegotiatedPrice, ct));
}
