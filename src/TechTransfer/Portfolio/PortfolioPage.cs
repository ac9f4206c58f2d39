namespace TechTransfer.Portfolio;

/// <summary>One page of a portfolio search, with how many patents match in all.</summary>
public sealed record PortfolioPage(IReadOnlyList<Patent> Items, int Total);
