using System.Globalization;
using System.Text;

namespace Workflows.Testing;

/// <summary>
/// A realistic, generated patent register of a fictional university (the same rows for the same count and seed): the
/// columns of a CNIPA export and of a university register in Chinese, Chinese titles and inventors' names, numbers with
/// the right check character and type digit, filing and grant dates from 2008 to 2025, mostly valid patents, some lapsed
/// and a few in their grace period, colleges, IPC classes by field, fiscal funding, transfers and licences. The tests and
/// the benchmark import it (as CSV, or as .xlsx written from the same rows).
/// </summary>
public static class SamplePortfolio
{
    public static readonly string[] Headers =
        ["专利号", "专利名称", "专利类型", "申请日", "授权公告日", "法律状态", "发明人", "专利权人", "主分类号", "所属学院", "财政资助", "资助项目", "资助单位", "转让次数", "许可次数"];

    public const string Holder = "江南理工大学";

    private sealed record Field(string College, string[] Subjects, string[] Methods, string[] Ipc);

    private static readonly Field[] Fields =
    [
        new("材料科学与工程学院", ["高熵合金", "石墨烯复合薄膜", "钙钛矿太阳能电池", "陶瓷基复合材料", "可降解镁合金支架"], ["制备方法", "热处理工艺", "表面改性方法", "涂层及其制备方法"], ["C22C 30/00", "C01B 32/184", "H10K 30/40", "C04B 35/80", "A61L 31/02"]),
        new("机械工程学院", ["五轴联动加工中心", "柔性夹持机构", "齿轮箱故障诊断装置", "风电叶片检测机器人", "精密减速器"], ["控制方法", "装置", "检测系统", "结构优化方法"], ["B23Q 1/00", "B25J 15/00", "G01M 13/028", "F03D 17/00", "F16H 1/32"]),
        new("信息与通信工程学院", ["毫米波阵列天线", "边缘计算任务卸载", "低功耗蓝牙定位", "图像去噪网络", "联邦学习隐私保护"], ["方法", "系统及装置", "方法及存储介质", "电路"], ["H01Q 21/00", "H04L 67/10", "H04W 4/02", "G06T 5/70", "G06N 3/098"]),
        new("化学与化工学院", ["二氧化碳加氢制甲醇催化剂", "锂电池电解液添加剂", "膜分离提纯", "生物基聚酯", "废水深度处理"], ["制备方法", "合成工艺", "回收方法", "反应装置"], ["B01J 23/80", "H01M 10/0567", "B01D 61/00", "C08G 63/16", "C02F 9/00"]),
        new("生命科学学院", ["抗肿瘤多肽", "水稻抗旱基因", "益生菌发酵乳", "核酸快速检测试剂盒", "单克隆抗体"], ["及其应用", "筛选方法", "制备方法", "检测方法"], ["C07K 7/06", "C12N 15/82", "A23C 9/127", "C12Q 1/6844", "C07K 16/28"]),
        new("土木与建筑学院", ["装配式混凝土节点", "桥梁健康监测", "透水路面结构", "建筑光伏一体化幕墙", "隧道衬砌"], ["施工方法", "监测装置", "结构", "设计方法"], ["E04B 1/21", "G01M 5/00", "E01C 11/22", "E04F 13/08", "E21D 11/10"]),
        new("电气工程学院", ["储能变流器", "无线充电线圈", "配电网故障定位", "永磁同步电机", "特高压绝缘子"], ["控制方法", "装置", "优化方法", "在线监测系统"], ["H02J 3/32", "H02J 50/10", "G01R 31/08", "H02K 21/14", "H01B 17/50"]),
    ];

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高", "欧阳", "司马"];
    private static readonly string[] GivenChars = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "晨", "宇", "浩", "然", "思", "雨", "泽", "昊"];
    private static readonly (string Project, string Funder)[] Funding =
    [
        ("国家自然科学基金面上项目", "国家自然科学基金委员会"), ("国家重点研发计划", "科学技术部"), ("省自然科学基金", "省科学技术厅"), ("市科技计划项目", "市科学技术局"),
    ];

    /// <summary>The register's rows (without the header), the same for the same <paramref name="count"/> and <paramref name="seed"/>.</summary>
    public static List<string[]> Rows(int count, int seed = 15)
    {
        var random = new Random(seed);
        var rows = new List<string[]>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        while (rows.Count < count)
        {
            var field = Fields[random.Next(Fields.Length)];
            var roll = random.Next(100);
            var (kindDigit, kind) = roll < 60 ? ('1', "发明") : roll < 90 ? ('2', "实用新型") : ('3', "外观设计");
            var year = 2008 + random.Next(16);
            var digits = $"{year}{kindDigit}{random.Next(0, 10_000_000):0000000}";
            if (!used.Add(digits)) continue;
            var number = $"ZL{digits}.{CheckCharacter(digits)}";
            var filed = new DateOnly(year, 1, 1).AddDays(random.Next(365));
            var granted = filed.AddDays(kindDigit == '1' ? 540 + random.Next(900) : 150 + random.Next(300));
            var status = random.Next(100) switch { < 78 => "有效", < 81 => "等年费滞纳金", < 92 => "未缴年费专利权终止", _ => "专利权维持" };
            if (kindDigit != '1' && year + 10 <= 2025) status = "专利权届满终止"; // a utility model's or design's ten years have run
            if (granted > new DateOnly(2025, 6, 30)) granted = new DateOnly(2025, 6, 30).AddDays(-random.Next(60));
            if (granted < filed) granted = filed.AddDays(120);
            var subject = field.Subjects[random.Next(field.Subjects.Length)];
            var title = kind == "外观设计" ? $"{subject}（{new[] { "外壳", "面板", "控制终端" }[random.Next(3)]}）" : $"一种{subject}的{field.Methods[random.Next(field.Methods.Length)]}";
            var inventors = Enumerable.Range(0, 1 + random.Next(5)).Select(_ => Name(random)).Distinct().ToList();
            var funded = random.Next(100) < 45;
            var funding = Funding[random.Next(Funding.Length)];
            rows.Add(
            [
                number, title, kind, filed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), granted.ToString("yyyy/M/d", CultureInfo.InvariantCulture), status,
                string.Join("；", inventors), Holder, field.Ipc[random.Next(field.Ipc.Length)], field.College, funded ? "是" : "否",
                funded ? $"{funding.Project}（{random.Next(10000, 99999)}）" : "", funded ? funding.Funder : "",
                random.Next(100) < 8 ? "1" : "0", random.Next(100) < 12 ? random.Next(1, 3).ToString(CultureInfo.InvariantCulture) : "0",
            ]);
        }
        return rows;
    }

    /// <summary>The register as CSV text (a header row, then <paramref name="rows"/>; RFC 4180 quoting), as it would be saved as UTF-8.</summary>
    public static string Csv(IEnumerable<string[]> rows, IReadOnlyList<string>? headers = null)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', (headers ?? Headers).Select(Quote)).Append("\r\n");
        foreach (var row in rows) sb.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>The rows as a sheet's records (header to value), for writing an .xlsx.</summary>
    public static List<Dictionary<string, object>> Records(IEnumerable<string[]> rows) =>
        rows.Select(r => Headers.Select((h, i) => (h, (object)r[i])).ToDictionary(x => x.h, x => x.Item2)).ToList();

    /// <summary>The check character CNIPA computes for a number's digits (weights 2..9 repeating, sum mod 11, 10 is X).</summary>
    public static char CheckCharacter(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++) sum += (digits[i] - '0') * (i % 8 + 2);
        return sum % 11 == 10 ? 'X' : (char)('0' + sum % 11);
    }

    private static string Name(Random random) =>
        Surnames[random.Next(Surnames.Length)] + GivenChars[random.Next(GivenChars.Length)] + (random.Next(3) > 0 ? GivenChars[random.Next(GivenChars.Length)] : "");

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
