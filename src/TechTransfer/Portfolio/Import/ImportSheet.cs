namespace TechTransfer.Portfolio.Import;

/// <summary>A register as read: its header row and its data rows, each with its row number as a spreadsheet shows it (the header is row 1).</summary>
public sealed record ImportSheet(IReadOnlyList<string> Headers, IReadOnlyList<ImportSheetRow> Rows);

/// <summary>One data row: its number and its cells as text (dates from a spreadsheet as yyyy-MM-dd), in the header's order.</summary>
public sealed record ImportSheetRow(int Row, IReadOnlyList<string?> Cells);
