namespace TechTransfer.Pricing;

public enum PricingStatus
{
    /// <summary>The notice, listing or auction window is running.</summary>
    Open,
    /// <summary>Agreement: the window ended with objections still open; nothing is signed until they are resolved.</summary>
    AwaitingObjections,
    /// <summary>A listing with exactly one qualified party: negotiate at no less than the base price.</summary>
    Negotiating,
    /// <summary>A price and a counterparty (auction, agreement); or, for a listing, one party to negotiate with.</summary>
    Concluded,
    /// <summary>A listing with two or more parties went to auction.</summary>
    ToAuction,
    /// <summary>No party, no valid bid, or an objection upheld: back to the office.</summary>
    Failed,
}
