namespace TechTransfer.Portfolio.Import;

/// <summary>
/// One finding of an import's check: the row (as the spreadsheet numbers it; 1 is the header), the column (its header as
/// in the file), a stable code and a sentence. An error blocks the commit; a warning does not.
/// </summary>
public sealed record ImportProblem(int Row, string? Column, string Code, string Problem, bool Error);
