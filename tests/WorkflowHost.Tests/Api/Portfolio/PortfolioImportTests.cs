using System.Net;
using System.Text.Json;
using Workflows.Persistence;
using Workflows.Testing;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api.Portfolio;

/// <summary>
/// The portfolio's bulk import over the real HTTP stack: a generated register of 1,000 patents (Chinese titles, names and
/// headers) previewed without writing anything, committed whole, imported again without change, then updated by number
/// from an Excel file; a file with errors reported by row and column and never half-imported; numbers in any spelling
/// are one patent; the limits answer clearly; and a patent granted through the process joins the portfolio by itself.
/// </summary>
public sealed class PortfolioImportTests
{
    private const string Patents = "/api/v1/portfolio/patents";

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_register_of_1000_patents_is_previewed_committed_whole_and_imported_again_without_change(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var rows = SamplePortfolio.Rows(1000);
        var csv = SamplePortfolio.Csv(rows);

        var preview = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Csv(csv));
        Assert.Equal((1000, 1000, 0, 0, false, true), (Int(preview, "rows"), Int(preview, "new"), Int(preview, "updated"), Int(preview, "errors"),
            preview.GetProperty("committed").GetBoolean(), preview.GetProperty("canCommit").GetBoolean()));
        Assert.Equal(1000, preview.GetProperty("outcomes").GetArrayLength());
        Assert.Equal(0, Int(await OkAsync(host.Manager, HttpMethod.Get, Patents), "total")); // a preview writes nothing

        var sha = preview.GetProperty("sha256").GetString()!;
        var committed = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(csv, sha256: sha));
        Assert.Equal((1000, 0, true), (Int(committed, "new"), Int(committed, "updated"), committed.GetProperty("committed").GetBoolean()));
        Assert.Equal(1000, Int(await OkAsync(host.Manager, HttpMethod.Get, Patents), "total"));

        // One patent as the register has it: number normalized, Chinese title and inventors, kind, dates, status, fee calendar.
        var first = rows[0];
        var found = (await OkAsync(host.Manager, HttpMethod.Get, $"{Patents}?text={Uri.EscapeDataString(first[0])}")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((first[0], first[1], first[9], "江南理工大学"), (found.GetProperty("number").GetString(), found.GetProperty("title").GetString(),
            found.GetProperty("college").GetString(), found.GetProperty("holder").GetString()));
        Assert.Equal(first[6].Split('；'), found.GetProperty("inventors").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(first[3], found.GetProperty("filingDate").GetString());
        // Searching by an inventor's name, a status, a college.
        Assert.True(Int(await OkAsync(host.Manager, HttpMethod.Get, $"{Patents}?text={Uri.EscapeDataString(first[6].Split('；')[0])}"), "total") >= 1);
        var lapsed = Int(await OkAsync(host.Manager, HttpMethod.Get, $"{Patents}?status=lapsed"), "total");
        Assert.Equal(rows.Count(r => r[5].Contains("终止")), lapsed);
        Assert.Contains(first[9], (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/colleges")).EnumerateArray().Select(c => c.GetString()));

        // The same file again: nothing changes, nothing is written twice.
        var again = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(csv));
        Assert.Equal((0, 0, 1000), (Int(again, "new"), Int(again, "updated"), Int(again, "unchanged")));
        Assert.Equal(1000, Int(await OkAsync(host.Manager, HttpMethod.Get, Patents), "total"));

        // A later register as Excel: two titles corrected, one patent lapsed, one new patent; updated by number.
        var later = rows.Take(10).Select(r => (string[])r.Clone()).ToList();
        later[0][1] = "一种高熵合金的制备方法（更正）";
        later[1][1] = "一种柔性夹持机构的控制方法（更正）";
        later[2][5] = "未缴年费专利权终止";
        later.Add(SamplePortfolio.Rows(1001)[1000]);
        var xlsx = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit",
            PortfolioFiles.Upload(PortfolioFiles.Xlsx(later), "register-2026.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        Assert.Equal((1, later[2][5] == rows[2][5] ? 2 : 3, later[2][5] == rows[2][5] ? 8 : 7), (Int(xlsx, "new"), Int(xlsx, "updated"), Int(xlsx, "unchanged")));
        Assert.Equal(1001, Int(await OkAsync(host.Manager, HttpMethod.Get, Patents), "total"));
        var corrected = (await OkAsync(host.Manager, HttpMethod.Get, $"{Patents}?text={Uri.EscapeDataString(rows[0][0])}")).GetProperty("items")[0];
        Assert.Equal("一种高熵合金的制备方法（更正）", corrected.GetProperty("title").GetString());
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_file_with_errors_is_reported_by_row_and_column_and_its_commit_writes_nothing(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var good = SamplePortfolio.Rows(3);
        var csv = string.Join("\r\n",
            "Patent number,Title,Kind,Filing date,Grant date,Legal status,Inventors,Holder,IPC,College,Remarks",
            $"{good[0][0]},Battery anode,invention,2019-03-01,2021-05-10,valid,Wang Wei; Li Na,Jiangnan University of Technology,H01M 4/38,Chemistry,",
            "ZL2019101234,Broken number,invention,2019-03-01,2021-05-10,valid,Wang Wei,,,,",
            $"{good[1][0]},Granted before filed,utility model,2020-03-01,2019-05-10,valid,Li Na,,,,",
            $"{good[0][0]},Same patent twice,invention,2019-03-01,2021-05-10,valid,Li Na,,,,",
            $"{good[2][0]},Odd kind and status,software,2020-13-45,,asleep,Li Na,,,,",
            "");
        var preview = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Csv(csv));
        Assert.False(preview.GetProperty("canCommit").GetBoolean());
        var problems = preview.GetProperty("problems").EnumerateArray()
            .Select(p => (Row: Int(p, "row"), Column: p.GetProperty("column").GetString(), Code: p.GetProperty("code").GetString(), Error: p.GetProperty("error").GetBoolean()))
            .ToList();
        Assert.Contains((1, "Remarks", "unknown-column", false), problems);
        Assert.Contains((3, "Patent number", "invalid-number", true), problems);
        Assert.Contains((4, "Grant date", "grant-before-filing", true), problems);
        Assert.Contains((5, "Patent number", "duplicate-number", true), problems);
        Assert.Contains((6, "Kind", "invalid-kind", true), problems);
        Assert.Contains((6, "Filing date", "invalid-date", true), problems);
        Assert.Contains((6, "Legal status", "invalid-status", true), problems);
        Assert.DoesNotContain(problems, p => p.Row == 2 && p.Error);
        Assert.Contains("2019-05-10", preview.GetProperty("problems").EnumerateArray().First(p => p.GetProperty("code").GetString() == "grant-before-filing").GetProperty("problem").GetString());

        var refused = await ExpectAsync(HttpStatusCode.UnprocessableEntity, host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(csv));
        Assert.Equal("import-has-problems", refused.GetProperty("code").GetString());
        Assert.Equal(0, Int(await OkAsync(host.Manager, HttpMethod.Get, Patents), "total")); // the good row was not written either

        // A file without a required column names the column on row 1.
        var missing = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Csv("专利名称,申请日\r\n一种方法,2020-01-01\r\n"));
        Assert.Contains(missing.GetProperty("problems").EnumerateArray(), p => Int(p, "row") == 1 && p.GetProperty("code").GetString() == "missing-column"
            && p.GetProperty("column").GetString()!.Contains("专利号"));
    }

    [Fact]
    public async Task One_patent_is_one_number_however_the_register_spells_it()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite);
        var digits = "202010123456";
        var check = SamplePortfolio.CheckCharacter(digits);
        string File(string number, string status) => SamplePortfolio.Csv([[number, "一种图像去噪网络的方法", "发明", "2020-02-03", "2022-06-07", status, "张伟", "", "", "", "", "", "", "", ""]]);
        await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(File($"ZL2020 1 0123456.{check}", "有效")));
        var second = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(File($"ＣＮ２０２０１０１２３４５６．{check}", "未缴年费专利权终止")));
        Assert.Equal((0, 1), (Int(second, "new"), Int(second, "updated")));
        var patent = (await OkAsync(host.Manager, HttpMethod.Get, Patents)).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(($"ZL{digits}.{check}", "lapsed"), (patent.GetProperty("number").GetString(), patent.GetProperty("legalStatus").GetString()));
        // The same register saved as "CSV" by a Chinese Excel (GB18030, not UTF-8) reads the same: nothing changes.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gb = System.Text.Encoding.GetEncoding("GB18030").GetBytes(File($"CN202010123456.{check}", "未缴年费专利权终止"));
        var legacy = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Upload(gb, "台账.csv", "text/csv"));
        Assert.Equal(1, Int(legacy, "unchanged"));
        // A wrong check character is a warning to check the certificate, not a refusal.
        var wrong = check == '1' ? '2' : '1';
        var warned = await OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Csv(File($"ZL{digits}.{wrong}", "有效")));
        Assert.Contains(warned.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "check-character" && !p.GetProperty("error").GetBoolean());
    }

    [Fact]
    public async Task The_import_limits_and_who_may_import_answer_clearly()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string>
        {
            ["TechTransfer:Portfolio:MaxImportBytes"] = "4096", ["TechTransfer:Portfolio:MaxImportRows"] = "5",
        });
        var tooMany = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Csv(SamplePortfolio.Csv(SamplePortfolio.Rows(6))));
        Assert.Equal("too-many-rows", tooMany.GetProperty("code").GetString());
        Assert.True(tooMany.GetProperty("errors").TryGetProperty("file", out _));
        var large = await ExpectAsync(HttpStatusCode.RequestEntityTooLarge, host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports",
            PortfolioFiles.Csv(SamplePortfolio.Csv(SamplePortfolio.Rows(5)) + new string(' ', 8000)));
        Assert.Equal("file-too-large", large.GetProperty("code").GetString());
        var format = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Upload([1, 2, 3], "register.pdf", "application/pdf"));
        Assert.Equal("unsupported-format", format.GetProperty("code").GetString());
        await ExpectAsync(HttpStatusCode.UnsupportedMediaType, host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports", new { file = "x" });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Post, "/api/v1/portfolio/imports", PortfolioFiles.Csv(SamplePortfolio.Csv(SamplePortfolio.Rows(1))));
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Get, Patents);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_invention_granted_through_the_process_joins_the_portfolio_by_itself(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.InventionReadyForTransferAsync();
        var invention = (await host.InventionAsync(id)).GetProperty("invention");
        var number = invention.GetProperty("patentNumber").GetString()!;
        var patent = (await OkAsync(host.Manager, HttpMethod.Get, Patents)).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((number, id.ToString(), "disclosure", "valid"), (patent.GetProperty("number").GetString(), patent.GetProperty("inventionId").GetString(),
            patent.GetProperty("source").GetString(), patent.GetProperty("legalStatus").GetString()));
        Assert.Equal([host.AliceUser.Id, host.BobUser.Id], patent.GetProperty("inventors").EnumerateArray().Select(i => i.GetProperty("userId").GetString()));
        Assert.Equal(invention.GetProperty("title").GetString(), patent.GetProperty("title").GetString());
        Assert.True(patent.GetProperty("nextFeeDue").ValueKind == JsonValueKind.String);
        Assert.Contains("portfolio.joined", await host.EvidenceActionsAsync(id));
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();
}
