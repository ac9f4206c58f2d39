using System.Net.Http.Headers;
using System.Text;
using MiniExcelLibs;
using Workflows.Testing;

namespace WorkflowHost.Tests.Api.Portfolio;

/// <summary>Registers as the import endpoints take them: multipart uploads of CSV text or an .xlsx written by MiniExcel.</summary>
public static class PortfolioFiles
{
    public static MultipartFormDataContent Csv(string text, string name = "register.csv", string? sha256 = null) =>
        Upload(Encoding.UTF8.GetBytes(text), name, "text/csv", sha256);

    public static byte[] Xlsx(IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(SamplePortfolio.Records(rows), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public static MultipartFormDataContent Upload(byte[] content, string name, string type, string? sha256 = null)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        var form = new MultipartFormDataContent { { file, "file", name } };
        if (sha256 is not null) form.Add(new StringContent(sha256), "sha256");
        return form;
    }

    /// <summary>A one-patent register whose next annual fee falls due <paramref name="dueInDays"/> days after <paramref name="today"/> (before it, when negative: a patent in its grace period).</summary>
    public static string OnePatentDueIn(DateOnly today, int dueInDays, string inventors, string number = "ZL201910234567", string title = "一种锂电池负极材料的制备方法",
        string status = "有效")
    {
        var digits = number[2..];
        var full = $"{number}.{SamplePortfolio.CheckCharacter(digits)}";
        var filed = today.AddDays(dueInDays).AddYears(-4);
        var granted = filed.AddYears(2);
        return SamplePortfolio.Csv([[full, title, "发明", filed.ToString("yyyy-MM-dd"), granted.ToString("yyyy-MM-dd"), status, inventors, SamplePortfolio.Holder,
            "H01M 4/38", "化学与化工学院", "是", "国家自然科学基金面上项目（51872001）", "国家自然科学基金委员会", "0", "1"]]);
    }
}
