using MiniExcelLibs;
using TechTransfer.Common;

namespace TechTransfer.Portfolio.Campaigns;

/// <summary>
/// A campaign as one .xlsx sheet, one row per patent, in the columns the national stock-patent revitalisation system and
/// the authorities' statistics ask for (专利号 … 是否已转化); headers in Chinese, as those returns are filed.
/// </summary>
public static class CampaignExport
{
    /// <summary>The columns, in order.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "序号", "专利号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "专利权人", "发明人", "所属学院", "IPC主分类号",
        "是否财政资助", "资助项目", "资助单位", "价值评分", "价值等级", "拟转化方式", "联系人", "盘点状态", "学院审核意见", "学院审核理由",
        "学校审核意见", "学校审核理由", "是否入库", "入库日期", "转让次数", "许可次数", "是否已转化", "超期未实施（财政资助）", "未实施原因", "处理方式",
    ];

    public static byte[] Write(IReadOnlyList<CampaignPatentView> rows, IReadOnlyDictionary<Guid, PoolPatent> pool, TimeSpan offset)
    {
        var sheet = rows.Select((r, i) => Row(i + 1, r.Entry, r.Patent, pool.GetValueOrDefault(r.Patent.Id), offset)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, sheetName: "存量专利盘点", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(int n, CampaignEntry e, Patent p, PoolPatent? pooled, TimeSpan offset)
    {
        var values = new object?[]
        {
            n, p.Number, p.Title, p.Kind switch { Rewards.PatentKind.Invention => "发明", Rewards.PatentKind.UtilityModel => "实用新型", Rewards.PatentKind.Design => "外观设计", _ => "" },
            Day(p.FilingDate), p.GrantDate is { } g ? Day(g) : "",
            p.LegalStatus switch { PatentLegalStatus.Valid => "有效", PatentLegalStatus.GracePeriod => "宽限期", _ => "失效" },
            p.Holder ?? "", string.Join("；", p.Inventors.Select(i => i.Name)), p.College ?? "", p.IpcClasses is { } ipc ? FirstIpc(ipc) : "",
            p.FiscallyFunded ? "是" : "否", p.FundedProject ?? "", p.Funder ?? "", e.Score, e.Tier ?? "", e.Route is { } r ? RouteZh(r) : "", e.Contact ?? "",
            StatusZh(e.Status), Decision(e.CollegeDecision), e.CollegeReason ?? "", Decision(e.UniversityDecision), e.UniversityReason ?? "",
            pooled is null ? "否" : "是", pooled is null ? "" : Day(DateOnly.FromDateTime(pooled.PooledAt.ToOffset(offset).DateTime)),
            p.Transfers, p.Licences, p.Transfers + p.Licences > e.ConversionsAtOpen ? "是" : "否",
            e.IdleFunded || e.IdleAction is not null ? "是" : "否", e.NotImplementedReason ?? "",
            e.IdleAction switch { IdleFundedAction.OpenLicence => "开放许可", IdleFundedAction.Pool => "纳入资源库", IdleFundedAction.StateReason => "已说明理由", _ => "" },
        };
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < Columns.Count; i++) row[Columns[i]] = values[i];
        return row;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string FirstIpc(string classes) =>
        classes.Split([';', '；', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";

    private static string Decision(ReviewDecision? d) => d switch { ReviewDecision.Accept => "同意", ReviewDecision.Refuse => "不同意", _ => "" };

    /// <summary>The route as the Chinese returns name it.</summary>
    public static string RouteZh(TransferRoute route) => route switch
    {
        TransferRoute.Assignment => "转让", TransferRoute.Licence => "许可", TransferRoute.OpenLicence => "开放许可", TransferRoute.UseFirstPayLater => "先用后转",
        TransferRoute.Equity => "作价投资", TransferRoute.Keep => "继续持有", _ => "放弃",
    };

    private static string StatusZh(CampaignEntryStatus s) => s switch
    {
        CampaignEntryStatus.Inventoried => "待自评", CampaignEntryStatus.Graded => "待学院审核", CampaignEntryStatus.CollegeAccepted => "待学校审核",
        CampaignEntryStatus.Pooled => "已入库", _ => "未通过",
    };
}
