namespace TechTransfer.Pricing;

/// <summary>The three methods of art. 18 of the Law on Promoting Transformation.</summary>
public enum PricingMethod { Agreement, Listing, Auction }
