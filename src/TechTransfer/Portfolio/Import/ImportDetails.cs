namespace TechTransfer.Portfolio.Import;

/// <summary>
/// The sentences of an import's findings, in English, by key; {0}, {1}... are the finding's <see cref="ImportProblem.Args"/>.
/// The host keeps the same keys in each language it speaks (<c>ImportDetail_{key}</c>).
/// </summary>
public static class ImportDetails
{
    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["duplicate-column"] = "Two columns hold the same field ('{0}' and '{1}'): keep one.",
        ["unknown-column"] = "The column '{0}' is not one the portfolio keeps; it is ignored.",
        ["missing-column"] = "The file has no column for {0}.",
        ["no-status-column"] = "The file has no legal-status column: every patent is taken as valid.",
        ["number-empty"] = "The patent number is empty.",
        ["number-publication"] = "'{0}' looks like a publication number; give the patent (application) number, e.g. ZL202010123456.7.",
        ["number-invalid"] = "'{0}' is not a Chinese patent number (e.g. ZL202010123456.7).",
        ["check-character"] = "'{0}' has the check character {1}, but its digits give {2}: check the number against the certificate.",
        ["duplicate-number"] = "{0} is also on row {1}: one row per patent.",
        ["title-empty"] = "The title is empty.",
        ["invalid-kind"] = "'{0}' is not a kind of patent (发明, 实用新型, 外观设计 / invention, utility model, design).",
        ["kind-differs"] = "The number's type digit says {0}, the column says {1}; the column is kept.",
        ["kind-unknown"] = "Say whether {0} is an invention, a utility model or a design: its number does not tell.",
        ["grant-before-filing"] = "The grant date {0} is before the filing date {1}.",
        ["not-granted"] = "No grant date: an application, not yet a patent; no annual fee is due until it is granted.",
        ["invalid-status"] = "'{0}' is not a legal status (有效, 宽限期, 失效 / valid, grace period, lapsed).",
        ["status-empty"] = "The legal status is empty: taken as valid.",
        ["term-ended"] = "The term ended on {0}: the register's status is out of date; the fee calendar will record it as lapsed.",
        ["too-many-inventors"] = "At most {0} inventors; this row names {1}.",
        ["invalid-yes-no"] = "'{0}' is neither yes nor no (是/否).",
        ["funding-undeclared"] = "Fiscally funded, but neither the project nor the funder is given: the declaration needs them.",
        ["date-empty"] = "The date is empty.",
        ["invalid-date"] = "'{0}' is not a date (2020-01-31, 2020/1/31, 2020年1月31日).",
        ["before-patent-law"] = "{0} is before the Chinese Patent Law (1985).",
        ["in-the-future"] = "{0} is in the future.",
        ["invalid-count"] = "'{0}' is not a count (0, 1, 2, ...).",
        ["too-long"] = "At most {0} characters; this one has {1}.",
        ["line-break"] = "One line: it may not contain a line break.",
        ["forbidden-character"] = "It contains a character that is not allowed (a control or bidirectional character).",
    };
}
