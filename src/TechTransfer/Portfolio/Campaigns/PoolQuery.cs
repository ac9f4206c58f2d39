namespace TechTransfer.Portfolio.Campaigns;

/// <summary>A search of the pool: text (number or title), IPC (subclass or class prefix), industry, college, tier, route, open licence only; a page.</summary>
public sealed record PoolQuery(string? Text, string? Ipc, string? Industry, string? College, string? Tier, TransferRoute? Route, bool OpenLicenceOnly, int Skip, int Take);
