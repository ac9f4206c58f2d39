using TechTransfer.Rewards;

namespace TechTransfer.Portfolio;

/// <summary>A search of the portfolio: text in the number, title or an inventor's name; status, kind, college; fees due by a day; a page.</summary>
public sealed record PortfolioQuery(string? Text = null, PatentLegalStatus? Status = null, PatentKind? Kind = null, string? College = null,
    DateOnly? FeeDueBy = null, int Skip = 0, int Take = 50);
