using System.Globalization;
using System.Text.RegularExpressions;
using TechTransfer.Common;
using TechTransfer.Rewards;

namespace TechTransfer.Portfolio.Import;

/// <summary>
/// Checks the rows of a register against what a portfolio patent must be, collecting every problem by row and column
/// (never stopping at the first): the number (normalized; a number twice in the file), title, kind (or the number's type
/// digit), dates (2020-01-31, 2020/1/31, 2020.01.31, 20200131, 2020年1月31日, an Excel date), legal status in the words
/// registers use, inventors (separated by ; ； , ， 、), yes/no and counts.
/// </summary>
public sealed partial class RowParser(TextLimits limits, DateOnly today)
{
    private static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:mm", "yyyy/M/d H:mm", "yyyy-M-d H:mm:ss", "yyyy/M/d H:mm:ss"];

    public (List<PatentRow> Rows, List<ImportProblem> Problems) Parse(ImportSheet sheet)
    {
        var problems = new List<ImportProblem>();
        var columns = new Dictionary<ImportField, int>();
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var header = sheet.Headers[i];
            if (string.IsNullOrWhiteSpace(header)) continue;
            if (ImportColumns.Match(header) is { } field)
            {
                if (!columns.TryAdd(field, i))
                    problems.Add(new(1, header, "duplicate-column", $"Two columns hold the same field ('{sheet.Headers[columns[field]]}' and '{header}'): keep one.", true));
            }
            else problems.Add(new(1, header, "unknown-column", $"The column '{header}' is not one the portfolio keeps; it is ignored.", false));
        }
        foreach (var field in ImportColumns.Required.Where(f => !columns.ContainsKey(f)))
            problems.Add(new(1, ImportColumns.Describe(field), "missing-column", $"The file has no column for {ImportColumns.Describe(field)}.", true));
        if (!columns.ContainsKey(ImportField.LegalStatus))
            problems.Add(new(1, ImportColumns.Describe(ImportField.LegalStatus), "no-status-column", "The file has no legal-status column: every patent is taken as valid.", false));
        if (problems.Any(p => p.Error)) return ([], problems);

        var rows = new List<PatentRow>(sheet.Rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            string? Cell(ImportField f) => columns.TryGetValue(f, out var i) && i < row.Cells.Count ? row.Cells[i]?.Trim() is { Length: > 0 } s ? s : null : null;
            string Header(ImportField f) => columns.TryGetValue(f, out var i) ? sheet.Headers[i] : ImportColumns.Describe(f);
            void Error(ImportField f, string code, string message) => problems.Add(new(row.Row, Header(f), code, message, true));
            void Warn(ImportField f, string code, string message) => problems.Add(new(row.Row, Header(f), code, message, false));

            var number = PatentNumber.Normalize(Cell(ImportField.Number), out var numberProblem, out var numberWarning);
            if (number is null) Error(ImportField.Number, Cell(ImportField.Number) is null ? "required" : "invalid-number", numberProblem!);
            else
            {
                if (numberWarning is not null) Warn(ImportField.Number, "check-character", numberWarning);
                if (seen.TryGetValue(number, out var first)) Error(ImportField.Number, "duplicate-number", $"{number} is also on row {first}: one row per patent.");
                else seen[number] = row.Row;
            }

            var title = Cell(ImportField.Title);
            if (title is null) Error(ImportField.Title, "required", "The title is empty.");
            else Text(title, ImportField.Title, limits.Title, Error);

            PatentKind? kind = null;
            if (Cell(ImportField.Kind) is { } kindText)
            {
                kind = KindFrom(kindText);
                if (kind is null) Error(ImportField.Kind, "invalid-kind", $"'{kindText}' is not a kind of patent (发明, 实用新型, 外观设计 / invention, utility model, design).");
                else if (number is not null && PatentNumber.KindOf(number) is { } numbered && numbered != kind)
                    Warn(ImportField.Kind, "kind-differs", $"The number's type digit says {Names.Kebab(numbered)}, the column says {Names.Kebab(kind.Value)}; the column is kept.");
            }
            else if (number is not null)
            {
                kind = PatentNumber.KindOf(number);
                if (kind is null) Error(ImportField.Kind, "required", $"Say whether {number} is an invention, a utility model or a design: its number does not tell.");
            }

            var filed = Date(Cell(ImportField.FilingDate), ImportField.FilingDate, required: true, Error);
            var granted = Date(Cell(ImportField.GrantDate), ImportField.GrantDate, required: false, Error);
            if (filed is { } f1 && granted is { } g1 && g1 < f1) Error(ImportField.GrantDate, "grant-before-filing", $"The grant date {g1:yyyy-MM-dd} is before the filing date {f1:yyyy-MM-dd}.");
            if (filed is not null && granted is null && columns.ContainsKey(ImportField.GrantDate))
                Warn(ImportField.GrantDate, "not-granted", "No grant date: an application, not yet a patent; no annual fee is due until it is granted.");

            var status = PatentLegalStatus.Valid;
            if (Cell(ImportField.LegalStatus) is { } statusText)
            {
                if (StatusFrom(statusText) is { } s) status = s;
                else Error(ImportField.LegalStatus, "invalid-status", $"'{statusText}' is not a legal status (有效, 宽限期, 失效 / valid, grace period, lapsed).");
            }
            else if (columns.ContainsKey(ImportField.LegalStatus)) Warn(ImportField.LegalStatus, "required", "The legal status is empty: taken as valid.");
            if (filed is { } f2 && status != PatentLegalStatus.Lapsed && FeeCalendar.TermEnds(kind, f2) <= today)
                Warn(ImportField.LegalStatus, "term-ended", $"The term ended on {FeeCalendar.TermEnds(kind, f2):yyyy-MM-dd}: the register's status is out of date; the fee calendar will record it as lapsed.");

            var nextFee = Date(Cell(ImportField.NextFeeDue), ImportField.NextFeeDue, required: false, Error);
            var inventors = Split(Cell(ImportField.Inventors));
            if (inventors.Count > limits.Inventors) Error(ImportField.Inventors, "too-many", $"At most {limits.Inventors} inventors; this row names {inventors.Count}.");
            foreach (var name in inventors) Text(name, ImportField.Inventors, limits.InventorName, Error);
            var holder = Cell(ImportField.Holder);
            Text(holder, ImportField.Holder, limits.Name, Error);
            var ipc = Cell(ImportField.IpcClasses) is { } ipcText ? string.Join("; ", Split(ipcText)) : null;
            Text(ipc, ImportField.IpcClasses, limits.IpcClass, Error);
            var college = Cell(ImportField.College);
            Text(college, ImportField.College, limits.Field, Error);
            var funded = false;
            if (Cell(ImportField.FiscallyFunded) is { } fundedText)
            {
                if (YesNo(fundedText) is { } yes) funded = yes;
                else Error(ImportField.FiscallyFunded, "invalid-value", $"'{fundedText}' is neither yes nor no (是/否).");
            }
            var project = Cell(ImportField.FundedProject);
            Text(project, ImportField.FundedProject, limits.FundedProject, Error);
            var funder = Cell(ImportField.Funder);
            Text(funder, ImportField.Funder, limits.Funder, Error);
            if (funded && funder is null && project is null)
                Warn(ImportField.FiscallyFunded, "funding-undeclared", "Fiscally funded, but neither the project nor the funder is given: the declaration needs them.");
            var transfers = Count(Cell(ImportField.Transfers), ImportField.Transfers, Error);
            var licences = Count(Cell(ImportField.Licences), ImportField.Licences, Error);

            if (problems.Skip(before).Any(p => p.Error)) continue;
            rows.Add(new PatentRow(row.Row, number!, title!, kind, filed!.Value, granted, status, nextFee, inventors, holder, ipc, college,
                funded, project, funder, transfers, licences));
        }
        return (rows, problems);
    }

    private static void Text(string? value, ImportField field, int max, Action<ImportField, string, string> error)
    {
        if (TextRules.Problem(value, field.ToString(), max, singleLine: true) is { } problem) error(field, problem.Code, problem.Message);
    }

    private DateOnly? Date(string? text, ImportField field, bool required, Action<ImportField, string, string> error)
    {
        if (text is null)
        {
            if (required) error(field, "required", "The date is empty.");
            return null;
        }
        DateOnly? day = null;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) day = DateOnly.FromDateTime(parsed);
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            day = DateOnly.FromDateTime(DateTime.FromOADate(serial)); // an Excel date cell without a date format
        if (day is not { } d)
        {
            error(field, "invalid-date", $"'{text}' is not a date (2020-01-31, 2020/1/31, 2020年1月31日).");
            return null;
        }
        if (d.Year < 1985) error(field, "invalid-date", $"{d:yyyy-MM-dd} is before the Chinese Patent Law (1985).");
        else if (field != ImportField.NextFeeDue && d > today) error(field, "in-the-future", $"{d:yyyy-MM-dd} is in the future.");
        return d;
    }

    private static int Count(string? text, ImportField field, Action<ImportField, string, string> error)
    {
        if (text is null) return 0;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0) return n;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d) && d < int.MaxValue) return (int)d;
        error(field, "invalid-value", $"'{text}' is not a count (0, 1, 2, ...).");
        return 0;
    }

    public static PatentKind? KindFrom(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t is "发明" or "发明专利" or "invention" or "invention patent" or "1") return PatentKind.Invention;
        if (t is "实用新型" or "实用新型专利" or "utility model" or "utility-model" or "utility" or "2") return PatentKind.UtilityModel;
        if (t is "外观设计" or "外观设计专利" or "外观" or "design" or "3") return PatentKind.Design;
        return null;
    }

    private static readonly string[] LapsedWords = ["失效", "终止", "无效", "放弃", "届满", "撤回", "驳回", "lapsed", "expired", "invalid", "terminated", "abandoned", "withdrawn"];
    private static readonly string[] ValidWords = ["有效", "授权", "维持", "valid", "in force", "granted"];

    public static PatentLegalStatus? StatusFrom(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Contains("宽限") || t.Contains("滞纳") || t.Contains("grace")) return PatentLegalStatus.GracePeriod;
        if (LapsedWords.Any(t.Contains))
            return PatentLegalStatus.Lapsed;
        if (ValidWords.Any(t.Contains)) return PatentLegalStatus.Valid;
        return null;
    }

    private static bool? YesNo(string text) => text.Trim().ToLowerInvariant() switch
    {
        "是" or "有" or "yes" or "y" or "true" or "1" => true,
        "否" or "无" or "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    private static List<string> Split(string? text) => text is null ? [] :
        Separators().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();

    [GeneratedRegex("[;；,，、\\n]")]
    private static partial Regex Separators();
}
