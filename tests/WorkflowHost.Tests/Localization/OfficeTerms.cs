namespace WorkflowHost.Tests.Localization;

/// <summary>The "not" column of DOMAIN.md's "Terms a Chinese office uses" (../shared/DOMAIN.md), with the names the
/// product used before for what the table names once (the committee, the dashboard, giving a task back).</summary>
public static class OfficeTerms
{
    public static readonly IReadOnlyList<string> Rejected =
    [
        "专利局", "许可或转让备案", "驳回", "拟受让方", "会议室", "未达法定人数", "将权利让与发明人", "发明人奖励", "转化人员", "案号",
        "退回补正", "赞成", "反对", "声明利益冲突", "付款方式", "已升级",
        // one name for the committee and its chair: 科技成果转化专家委员会, 委员会审议, 主任委员, 委员
        "评审委员会", "委员会评审", "评审委员",
        // two screens next to each other that said nothing of what they are; giving a task back vs sending work back
        "运行概览", "运行监控", "退回待认领",
    ];

    /// <summary>The rejected terms <paramref name="text"/> uses (国家知识产权局 contains none by itself).</summary>
    public static IEnumerable<string> In(string text)
    {
        var plain = text.Replace("国家知识产权局", "", StringComparison.Ordinal);
        return Rejected.Where(word => plain.Contains(word, StringComparison.Ordinal));
    }
}
