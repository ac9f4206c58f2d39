namespace TechTransfer.Inventions;

/// <summary>
/// Which cases a list wants, in the office's words: a status (stage), a college, a text in the case number or title.
/// Null members do not filter.
/// </summary>
public sealed record CaseFilter(InventionStatus? Status = null, string? College = null, string? Text = null);
