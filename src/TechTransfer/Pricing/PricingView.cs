namespace TechTransfer.Pricing;

/// <summary>A pricing record with its objections, interested parties and bids (the pricing part of the evidence pack).</summary>
public sealed record PricingView(PricingRecord Record, IReadOnlyList<Objection> Objections, IReadOnlyList<InterestedParty> Parties, IReadOnlyList<Bid> Bids)
{
    public int OpenObjections => Objections.Count(o => o.Status == ObjectionStatus.Open);
}
