namespace TechTransfer.Portfolio.Campaigns;

/// <summary>A pooled patent with its portfolio record.</summary>
public sealed record PoolItem(PoolPatent Pool, Patent Patent);
