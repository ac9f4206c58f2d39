using System.Text;

namespace TechTransfer.Portfolio.Import;

/// <summary>
/// The headers a CNIPA export, a patent-search platform's export or an institution's own register use for each field,
/// Chinese and English. A header is matched after full-width characters are folded, spaces removed and case ignored.
/// </summary>
public static class ImportColumns
{
    public static readonly IReadOnlyDictionary<ImportField, string[]> Headers = new Dictionary<ImportField, string[]>
    {
        [ImportField.Number] = ["专利号", "申请号", "专利申请号", "申请号/专利号", "专利号/申请号", "申请(专利)号", "patent number", "patent no", "application number", "number"],
        [ImportField.Title] = ["专利名称", "发明名称", "名称", "发明创造名称", "title", "patent title"],
        [ImportField.Kind] = ["专利类型", "类型", "专利种类", "kind", "type", "patent type"],
        [ImportField.FilingDate] = ["申请日", "申请日期", "filing date", "application date"],
        [ImportField.GrantDate] = ["授权公告日", "授权日", "授权日期", "授权公告日期", "grant date", "granted on"],
        [ImportField.LegalStatus] = ["法律状态", "当前法律状态", "专利状态", "案件状态", "legal status", "status"],
        [ImportField.NextFeeDue] = ["下次年费缴纳日", "年费缴纳截止日", "下次缴费日", "年费截止日", "next fee due", "next annual fee", "next annual-fee date"],
        [ImportField.Inventors] = ["发明人", "发明人/设计人", "设计人", "inventors", "inventor"],
        [ImportField.Holder] = ["专利权人", "申请人", "申请(专利权)人", "权利人", "holder", "patentee", "applicant"],
        [ImportField.IpcClasses] = ["主分类号", "分类号", "ipc", "ipc分类号", "ipc主分类号", "ipc classes", "ipc class"],
        [ImportField.College] = ["所属学院", "学院", "院系", "所属单位", "所属院系", "college", "department", "school"],
        [ImportField.FiscallyFunded] = ["财政资助", "是否财政资助", "财政资金资助", "fiscally funded", "fiscal funding"],
        [ImportField.FundedProject] = ["资助项目", "项目名称", "依托项目", "funded project", "project"],
        [ImportField.Funder] = ["资助单位", "资助机构", "项目来源", "funder"],
        [ImportField.Transfers] = ["转让次数", "transfers", "assignments"],
        [ImportField.Licences] = ["许可次数", "licences", "licenses"],
    };

    /// <summary>The fields every file must have a column for (the kind can be read from the number, the status defaults to valid).</summary>
    public static readonly IReadOnlyList<ImportField> Required = [ImportField.Number, ImportField.Title, ImportField.FilingDate];

    private static readonly Dictionary<string, ImportField> ByHeader = Headers
        .SelectMany(h => h.Value.Select(v => (Key: Fold(v), Field: h.Key)))
        .ToDictionary(x => x.Key, x => x.Field);

    public static ImportField? Match(string? header) => header is not null && ByHeader.TryGetValue(Fold(header), out var field) ? field : null;

    /// <summary>The first Chinese and the first English header of the field, as a problem names a missing column.</summary>
    public static string Describe(ImportField field) => $"{Headers[field][0]} / {Headers[field].First(h => h.All(char.IsAscii))}";

    private static string Fold(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Normalize(NormalizationForm.FormKC))
            if (!char.IsWhiteSpace(c) && c is not ('*' or '_' or '-' or ':')) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
