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
                    problems.Add(ImportProblem.Of(1, header, "duplicate-column", true, "duplicate-column", sheet.Headers[columns[field]], header));
            }
            else problems.Add(ImportProblem.Of(1, header, "unknown-column", false, "unknown-column", header));
        }
        foreach (var field in ImportColumns.Required.Where(f => !columns.ContainsKey(f)))
            problems.Add(ImportProblem.Of(1, ImportColumns.Describe(field), "missing-column", true, "missing-column", ImportColumns.Describe(field)));
        if (!columns.ContainsKey(ImportField.LegalStatus))
            problems.Add(ImportProblem.Of(1, ImportColumns.Describe(ImportField.LegalStatus), "no-status-column", false, "no-status-column"));
        if (problems.Any(p => p.Error)) return ([], problems);

        var rows = new List<PatentRow>(sheet.Rows.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            string? Cell(ImportField f) => columns.TryGetValue(f, out var i) && i < row.Cells.Count ? row.Cells[i]?.Trim() is { Length: > 0 } s ? s : null : null;
            string Header(ImportField f) => columns.TryGetValue(f, out var i) ? sheet.Headers[i] : ImportColumns.Describe(f);
            void Error(ImportField f, string code, string detail, params object?[] args) => problems.Add(ImportProblem.Of(row.Row, Header(f), code, true, detail, args));
            void Warn(ImportField f, string code, string detail, params object?[] args) => problems.Add(ImportProblem.Of(row.Row, Header(f), code, false, detail, args));

            var number = PatentNumber.Normalize(Cell(ImportField.Number), out var numberProblem, out var numberWarning);
            if (number is null)
            {
                if (Cell(ImportField.Number) is not { } written) Error(ImportField.Number, "required", "number-empty");
                else Error(ImportField.Number, "invalid-number", numberProblem!.Contains("publication", StringComparison.Ordinal) ? "number-publication" : "number-invalid", written);
            }
            else
            {
                if (numberWarning is not null) Warn(ImportField.Number, "check-character", "check-character", Cell(ImportField.Number), number[^1], PatentNumber.CheckCharacter(number[2..^2]));
                if (seen.TryGetValue(number, out var first)) Error(ImportField.Number, "duplicate-number", "duplicate-number", number, first);
                else seen[number] = row.Row;
            }

            var title = Cell(ImportField.Title);
            if (title is null) Error(ImportField.Title, "required", "title-empty");
            else Text(title, ImportField.Title, limits.Title, Error);

            PatentKind? kind = null;
            if (Cell(ImportField.Kind) is { } kindText)
            {
                kind = KindFrom(kindText);
                if (kind is null) Error(ImportField.Kind, "invalid-kind", "invalid-kind", kindText);
                else if (number is not null && PatentNumber.KindOf(number) is { } numbered && numbered != kind)
                    Warn(ImportField.Kind, "kind-differs", "kind-differs", Names.Kebab(numbered), Names.Kebab(kind.Value));
            }
            else if (number is not null)
            {
                kind = PatentNumber.KindOf(number);
                if (kind is null) Error(ImportField.Kind, "required", "kind-unknown", number);
            }

            var filed = Date(Cell(ImportField.FilingDate), ImportField.FilingDate, required: true, Error);
            var granted = Date(Cell(ImportField.GrantDate), ImportField.GrantDate, required: false, Error);
            if (filed is { } f1 && granted is { } g1 && g1 < f1) Error(ImportField.GrantDate, "grant-before-filing", "grant-before-filing", Iso(g1), Iso(f1));
            if (filed is not null && granted is null && columns.ContainsKey(ImportField.GrantDate))
                Warn(ImportField.GrantDate, "not-granted", "not-granted");

            var status = PatentLegalStatus.Valid;
            if (Cell(ImportField.LegalStatus) is { } statusText)
            {
                if (StatusFrom(statusText) is { } s) status = s;
                else Error(ImportField.LegalStatus, "invalid-status", "invalid-status", statusText);
            }
            else if (columns.ContainsKey(ImportField.LegalStatus)) Warn(ImportField.LegalStatus, "required", "status-empty");
            if (filed is { } f2 && status != PatentLegalStatus.Lapsed && FeeCalendar.TermEnds(kind, f2) <= today)
                Warn(ImportField.LegalStatus, "term-ended", "term-ended", Iso(FeeCalendar.TermEnds(kind, f2)));

            var nextFee = Date(Cell(ImportField.NextFeeDue), ImportField.NextFeeDue, required: false, Error);
            var inventors = Split(Cell(ImportField.Inventors));
            if (inventors.Count > limits.Inventors) Error(ImportField.Inventors, "too-many", "too-many-inventors", limits.Inventors, inventors.Count);
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
                else Error(ImportField.FiscallyFunded, "invalid-value", "invalid-yes-no", fundedText);
            }
            var project = Cell(ImportField.FundedProject);
            Text(project, ImportField.FundedProject, limits.FundedProject, Error);
            var funder = Cell(ImportField.Funder);
            Text(funder, ImportField.Funder, limits.Funder, Error);
            if (funded && funder is null && project is null)
                Warn(ImportField.FiscallyFunded, "funding-undeclared", "funding-undeclared");
            var transfers = Count(Cell(ImportField.Transfers), ImportField.Transfers, Error);
            var licences = Count(Cell(ImportField.Licences), ImportField.Licences, Error);

            if (problems.Skip(before).Any(p => p.Error)) continue;
            rows.Add(new PatentRow(row.Row, number!, title!, kind, filed!.Value, granted, status, nextFee, inventors, holder, ipc, college,
                funded, project, funder, transfers, licences));
        }
        return (rows, problems);
    }

    /// <summary>Where a row's finding goes: the field, the code, the sentence's key and its values.</summary>
    private delegate void Report(ImportField field, string code, string detail, params object?[] args);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void Text(string? value, ImportField field, int max, Report error)
    {
        if (TextRules.Problem(value, field.ToString(), max, singleLine: true) is not { } problem) return;
        if (problem.Code == "too-long") error(field, problem.Code, "too-long", max, value!.Length);
        else error(field, problem.Code, problem.Code);
    }

    private DateOnly? Date(string? text, ImportField field, bool required, Report error)
    {
        if (text is null)
        {
            if (required) error(field, "required", "date-empty");
            return null;
        }
        DateOnly? day = null;
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) day = DateOnly.FromDateTime(parsed);
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            day = DateOnly.FromDateTime(DateTime.FromOADate(serial)); // an Excel date cell without a date format
        if (day is not { } d)
        {
            error(field, "invalid-date", "invalid-date", text);
            return null;
        }
        if (d.Year < 1985) error(field, "invalid-date", "before-patent-law", Iso(d));
        else if (field != ImportField.NextFeeDue && d > today) error(field, "in-the-future", "in-the-future", Iso(d));
        return d;
    }

    private static int Count(string? text, ImportField field, Report error)
    {
        if (text is null) return 0;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0) return n;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d == Math.Floor(d) && d < int.MaxValue) return (int)d;
        error(field, "invalid-value", "invalid-count", text);
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
