namespace TechTransfer.Portfolio.Import;

/// <summary>What the import does (or did) with one row: the normalized number and whether it is new, changes a patent, or changes nothing.</summary>
public sealed record ImportRowOutcome(int Row, string Number, ImportAction Action);

public enum ImportAction { New, Updated, Unchanged }
