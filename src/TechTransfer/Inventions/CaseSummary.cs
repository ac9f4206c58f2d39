namespace TechTransfer.Inventions;

/// <summary>What a list beside the case (the office's inbox) shows of it: title, inventors in order, college and status.</summary>
public sealed record CaseSummary(string CaseNumber, string Title, IReadOnlyList<string> Inventors, string? College, InventionStatus Status);
