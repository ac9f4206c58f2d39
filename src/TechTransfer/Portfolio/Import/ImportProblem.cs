using System.Globalization;

namespace TechTransfer.Portfolio.Import;

/// <summary>
/// One finding of an import's check: the row (as the spreadsheet numbers it; 1 is the header), the column (its header as
/// in the file), a stable code and a sentence. An error blocks the commit; a warning does not. <see cref="Detail"/> and
/// <see cref="Args"/> are the sentence's key and values, so a reader's page says it in their language
/// (<see cref="ImportDetails"/> holds the English).
/// </summary>
public sealed record ImportProblem(int Row, string? Column, string Code, string Problem, bool Error)
{
    public string? Detail { get; init; }
    public IReadOnlyList<string> Args { get; init; } = [];

    public static ImportProblem Of(int row, string? column, string code, bool error, string detail, params object?[] args)
    {
        var values = args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToArray();
        return new ImportProblem(row, column, code, string.Format(CultureInfo.InvariantCulture, ImportDetails.English[detail], values), error)
        {
            Detail = detail, Args = values,
        };
    }
}
