using System.Net;
using System.Text.Json;
using MiniExcelLibs;
using TechTransfer.Portfolio.Campaigns;
using TechTransfer.Processes;
using WorkflowHost.Identity;
using Workflows.Persistence;
using Workflows.Testing;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api.Portfolio;

/// <summary>
/// The inventory campaign (盘点) over the real HTTP stack, on the host's clock: the office opens a campaign over the
/// portfolio; inventors grade their own patents (never another's), each college's reviewers see and review only their
/// college's, the university accepts into the pool or refuses with reasons; progress and the Excel return count them;
/// an ungraded patent goes to the college and then the office when its deadlines pass, and an idle fiscally funded one
/// becomes the office's task to put it into operation. Every decision is in the patent's evidence.
/// </summary>
public sealed class InventoryCampaignTests
{
    private const string Chemistry = "化学与化工学院", Mechanical = "机械工程学院";

    private static readonly Dictionary<string, string> CollegeReviewers = new()
    {
        [$"TechTransfer:Portfolio:Campaign:CollegeReviewers:{Chemistry}"] = "college-chem",
        [$"TechTransfer:Portfolio:Campaign:CollegeReviewers:{Mechanical}"] = "college-mech",
    };

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task A_graded_patent_is_reviewed_by_its_college_and_the_university_and_enters_the_pool_while_a_refused_one_keeps_its_reasons(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider, CollegeReviewers);
        var today = DateOnly.Parse(host.Today);
        var (chem, chemClient) = await host.Host.CreateSignedInUserAsync("dean.chem@example.edu", Roles.CommitteeMember);
        var (mech, mechClient) = await host.Host.CreateSignedInUserAsync("dean.mech@example.edu", Roles.CommitteeMember);
        await host.Host.AddToCommitteeAsync("college-chem", chem.Id);
        await host.Host.AddToCommitteeAsync("college-mech", mech.Id);
        await ImportAsync(host, Row("ZL201910234567", "一种锂电池负极材料的制备方法", today.AddYears(-3), "alice", "H01M 4/38", Chemistry),
            Row("ZL201920345678", "一种柔性夹持机构", today.AddYears(-2), "bob", "B25J 15/00", Mechanical),
            Row("ZL201710456789", "一种已许可的催化剂", today.AddYears(-6), "alice", "B01J 23/80", Chemistry, licences: "1"));

        // Bad input names its field and writes nothing.
        var early = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, "/api/v1/portfolio/campaigns",
            new { title = "2026年度存量专利盘点", gradingDeadline = host.Today, reviewDeadline = today.AddDays(90).ToString("yyyy-MM-dd") });
        Assert.Contains("gradingDeadline", early.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Post, "/api/v1/portfolio/campaigns",
            new { title = "x", gradingDeadline = today.AddDays(30).ToString("yyyy-MM-dd"), reviewDeadline = today.AddDays(90).ToString("yyyy-MM-dd") });

        // The scope: valid, unconverted patents (the licensed one stays out).
        var campaign = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, "/api/v1/portfolio/campaigns",
            new { title = "2026年度存量专利盘点", gradingDeadline = today.AddDays(30).ToString("yyyy-MM-dd"), reviewDeadline = today.AddDays(90).ToString("yyyy-MM-dd") });
        var id = campaign.GetProperty("id").GetGuid();
        Assert.Equal((2, 2), (campaign.GetProperty("patents").GetInt32(), campaign.GetProperty("started").GetInt32()));
        var all = await EntriesAsync(host.Manager, id);
        var lithium = all.Single(e => e.GetProperty("college").GetString() == Chemistry);
        var gripper = all.Single(e => e.GetProperty("college").GetString() == Mechanical);
        var lithiumId = lithium.GetProperty("patentId").GetGuid();
        var gripperId = gripper.GetProperty("patentId").GetGuid();

        // Each sees only their own: the inventors their patents, each college its own.
        Assert.Equal([lithiumId], (await EntriesAsync(host.Alice, id)).Select(e => e.GetProperty("patentId").GetGuid()));
        Assert.Equal([lithiumId], (await EntriesAsync(chemClient, id)).Select(e => e.GetProperty("patentId").GetGuid()));
        Assert.Equal([gripperId], (await EntriesAsync(mechClient, id)).Select(e => e.GetProperty("patentId").GetGuid()));
        Assert.Empty(await EntriesAsync(host.Carol, id));

        // An inventor cannot grade another's patent; bad grades name their field.
        await WaitForTaskAsync(host.Alice, lithium.GetProperty("number").GetString()!, ShippedProcesses.PatentInventoryGrading.Grade);
        await ExpectAsync(HttpStatusCode.NotFound, host.Bob, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/grade", Grade(5, "licence"));
        var wrongRoute = await ExpectAsync(HttpStatusCode.BadRequest, host.Alice, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/grade", Grade(5, "sell"));
        Assert.Contains("transferRoute", wrongRoute.GetProperty("errors").EnumerateObject().Single().Name);
        var outOfRange = await ExpectAsync(HttpStatusCode.BadRequest, host.Alice, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/grade", Grade(6, "licence"));
        Assert.Contains("technicalMaturity", outOfRange.GetProperty("errors").EnumerateObject().Single().Name);

        await OkAsync(host.Alice, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/grade", Grade(5, "licence"));
        var graded = await WaitForStatusAsync(host.Alice, id, lithiumId, "graded");
        Assert.Equal(("graded", 4.3m, "A", "licence"), (graded.GetProperty("status").GetString(), graded.GetProperty("score").GetDecimal(),
            graded.GetProperty("tier").GetString(), graded.GetProperty("route").GetString()));
        await WaitForTaskAsync(host.Bob, gripper.GetProperty("number").GetString()!, ShippedProcesses.PatentInventoryGrading.Grade);
        await OkAsync(host.Bob, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{gripperId}/grade", Grade(2, "assignment"));

        // The other college cannot review it; its own college accepts, the university pools it.
        await WaitForTaskAsync(chemClient, lithium.GetProperty("number").GetString()!, ShippedProcesses.PatentInventoryGrading.CollegeReview);
        await ExpectAsync(HttpStatusCode.NotFound, mechClient, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/college-review", new { decision = "accept" });
        await ExpectAsync(HttpStatusCode.Forbidden, host.Manager, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/college-review", new { decision = "accept" });
        await OkAsync(chemClient, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/college-review", new { decision = "accept", reason = "技术成熟，已有企业咨询。" });
        await WaitForTaskAsync(host.Manager, lithium.GetProperty("number").GetString()!, ShippedProcesses.PatentInventoryGrading.UniversityReview);
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{lithiumId}/university-review", new { decision = "accept" });
        await WaitForStatusAsync(host.Manager, id, lithiumId, "pooled");

        // A refusal needs its reasons, then keeps them.
        await WaitForTaskAsync(mechClient, gripper.GetProperty("number").GetString()!, ShippedProcesses.PatentInventoryGrading.CollegeReview);
        var noReason = await ExpectAsync(HttpStatusCode.BadRequest, mechClient, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{gripperId}/college-review",
            new { decision = "refuse" });
        Assert.Contains("collegeReason", noReason.GetProperty("errors").EnumerateObject().Single().Name);
        await OkAsync(mechClient, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{gripperId}/college-review",
            new { decision = "refuse", reason = "同类技术已被替代，暂无转化前景。" });
        var refused = await WaitForStatusAsync(mechClient, id, gripperId, "refused");
        Assert.Equal(("refused", "同类技术已被替代，暂无转化前景。"), (refused.GetProperty("status").GetString(), refused.GetProperty("collegeReason").GetString()));

        // The pool, by IPC subclass; the figures; the evidence.
        var pool = (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/pool?ipc=H01M")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal((lithiumId, "A", "licence", "H01M", "review"), (pool.GetProperty("patentId").GetGuid(), pool.GetProperty("tier").GetString(),
            pool.GetProperty("route").GetString(), pool.GetProperty("ipcSubclass").GetString(), pool.GetProperty("via").GetString()));
        Assert.Equal(0, (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/pool?ipc=B25J")).GetProperty("total").GetInt32());
        var progress = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/portfolio/campaigns/{id}/progress")).EnumerateArray().ToList();
        Assert.Equal([(null, 2, 2, 2, 1, 1), (Chemistry, 1, 1, 1, 1, 0), (Mechanical, 1, 1, 1, 0, 1)], progress.Select(p => (p.GetProperty("college").GetString(),
            p.GetProperty("inventoried").GetInt32(), p.GetProperty("graded").GetInt32(), p.GetProperty("reviewed").GetInt32(), p.GetProperty("pooled").GetInt32(),
            p.GetProperty("refused").GetInt32())));
        Assert.Equal([Mechanical], (await OkAsync(mechClient, HttpMethod.Get, $"/api/v1/portfolio/campaigns/{id}/progress")).EnumerateArray()
            .Select(p => p.GetProperty("college").GetString()).Where(c => c is not null));
        Assert.Equal(["inventory.opened", "inventory.graded", "inventory.college-reviewed", "inventory.university-reviewed", "pool.entered"],
            await ActionsAsync(host.Manager, lithiumId));
        Assert.Equal(["inventory.opened", "inventory.graded", "inventory.college-reviewed"], await ActionsAsync(host.Manager, gripperId));

        // The Excel return, read back: its columns, one row a patent.
        using var response = await host.Manager.GetAsync($"/api/v1/portfolio/campaigns/{id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var sheet = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = sheet.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(CampaignExport.Columns, rows[0].Keys);
        Assert.Equal(2, rows.Count);
        var exported = rows.Single(r => (string?)r["所属学院"] == Chemistry);
        Assert.Equal(("A", "许可", "是", "同意"), ((string?)exported["价值等级"], (string?)exported["拟转化方式"], (string?)exported["是否入库"], (string?)exported["学校审核意见"]));
        Assert.Equal("同类技术已被替代，暂无转化前景。", rows.Single(r => (string?)r["所属学院"] == Mechanical)["学院审核理由"]);
    }

    [Theory, MemberData(nameof(Providers), MemberType = typeof(DomainApiHost))]
    public async Task An_ungraded_patent_goes_to_the_college_then_the_office_and_an_idle_funded_one_is_pushed_into_operation(DatabaseProvider provider)
    {
        // No reviewer group for this college: the office acts for it.
        await using var host = await StartAsync(provider);
        var today = DateOnly.Parse(host.Today);
        await ImportAsync(host, Row("ZL201510567890", "一种废水深度处理装置", today.AddYears(-8), "alice", "C02F 9/00", Chemistry));
        var campaign = await ExpectAsync(HttpStatusCode.Created, host.Manager, HttpMethod.Post, "/api/v1/portfolio/campaigns",
            new { title = "化工学院专项盘点", college = Chemistry, gradingDeadline = today.AddDays(10).ToString("yyyy-MM-dd"), reviewDeadline = today.AddDays(60).ToString("yyyy-MM-dd") });
        var id = campaign.GetProperty("id").GetGuid();
        var entry = (await EntriesAsync(host.Manager, id)).Single();
        var patentId = entry.GetProperty("patentId").GetGuid();
        var number = entry.GetProperty("number").GetString()!;
        Assert.True(entry.GetProperty("idleFunded").GetBoolean()); // funded, granted eight years ago, never transferred or licensed

        await WaitForTaskAsync(host.Alice, number, ShippedProcesses.PatentInventoryGrading.Grade);
        host.Host.Clock.Advance(TimeSpan.FromDays(11));
        await WaitForTaskAsync(host.Manager, number, ShippedProcesses.PatentInventoryGrading.GradeByCollege);
        await ExpectAsync(HttpStatusCode.Forbidden, host.Alice, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{patentId}/grade", Grade(3, "licence"));
        host.Host.Clock.Advance(TimeSpan.FromDays(14));
        await WaitForTaskAsync(host.Manager, number, ShippedProcesses.PatentInventoryGrading.GradeByOffice);
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{patentId}/grade", Grade(2, "keep"));

        // The college (the office for it) refuses; the idle rule then asks the office to put it into operation.
        await WaitForTaskAsync(host.Manager, number, ShippedProcesses.PatentInventoryGrading.CollegeReview);
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{patentId}/college-review", new { decision = "refuse", reason = "发明人无转化意向。" });
        await WaitForTaskAsync(host.Manager, number, ShippedProcesses.PatentInventoryGrading.IdleFunded);
        var missing = await ExpectAsync(HttpStatusCode.BadRequest, host.Manager, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{patentId}/idle-action", new { action = "state-reason" });
        Assert.Contains("idleReason", missing.GetProperty("errors").EnumerateObject().Single().Name);
        await OkAsync(host.Manager, HttpMethod.Post, $"/api/v1/portfolio/campaigns/{id}/patents/{patentId}/idle-action", new { action = "open-licence" });
        var done = await WaitForStatusAsync(host.Manager, id, patentId, "pooled");
        Assert.Equal(("pooled", "open-licence"), (done.GetProperty("status").GetString(), done.GetProperty("idleAction").GetString()));
        var pool = (await OkAsync(host.Manager, HttpMethod.Get, "/api/v1/portfolio/pool?openLicence=true")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("open-licence", "idle-rule"), (pool.GetProperty("route").GetString(), pool.GetProperty("via").GetString()));
        Assert.Equal(["inventory.opened", "inventory.graded", "inventory.college-reviewed", "inventory.idle-action", "pool.entered"], await ActionsAsync(host.Manager, patentId));
        var graded = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/portfolio/patents/{patentId}/evidence")).EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "inventory.graded");
        Assert.Equal(host.ManagerUser.Id, JsonDocument.Parse(graded.GetProperty("payload").GetString()!).RootElement.GetProperty("actedBy").GetProperty("userId").GetString());
    }

    private static object Grade(int technical, string route) => new
    {
        scores = new Dictionary<string, int> { ["technical-maturity"] = technical, ["market-demand"] = 4, ["legal-stability"] = 4, ["application-breadth"] = 4 },
        transferRoute = route, contact = "张老师 13800000000",
    };

    private static string[] Row(string number, string title, DateOnly granted, string inventors, string ipc, string college, string licences = "0")
    {
        var digits = number[2..];
        return [$"{number}.{SamplePortfolio.CheckCharacter(digits)}", title, "发明", granted.AddYears(-2).ToString("yyyy-MM-dd"), granted.ToString("yyyy-MM-dd"), "有效",
            inventors, SamplePortfolio.Holder, ipc, college, "是", "国家自然科学基金面上项目（51872001）", "国家自然科学基金委员会", "0", licences];
    }

    private static Task ImportAsync(DomainApiHost host, params string[][] rows) =>
        OkAsync(host.Manager, HttpMethod.Post, "/api/v1/portfolio/imports/commit", PortfolioFiles.Csv(SamplePortfolio.Csv(rows)));

    private static async Task<List<JsonElement>> EntriesAsync(HttpClient client, Guid id) =>
        (await OkAsync(client, HttpMethod.Get, $"/api/v1/portfolio/campaigns/{id}/patents")).GetProperty("items").EnumerateArray().ToList();

    /// <summary>The patent's entry once its step's service task has run (it follows the step in the background).</summary>
    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, Guid id, Guid patentId, string status)
    {
        JsonElement found = default;
        await WaitForAsync($"status {status}", async () =>
        {
            found = (await EntriesAsync(client, id)).Single(e => e.GetProperty("patentId").GetGuid() == patentId);
            return found.GetProperty("status").GetString() == status;
        });
        return found;
    }

    private static async Task<List<string?>> ActionsAsync(HttpClient office, Guid id) =>
        (await OkAsync(office, HttpMethod.Get, $"/api/v1/portfolio/patents/{id}/evidence")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();

    private static async Task WaitForTaskAsync(HttpClient client, string number, string elementId) =>
        await WaitForAsync($"task {elementId}", async () =>
            (await OkAsync(client, HttpMethod.Get, $"/api/v1/tasks?businessKey={Uri.EscapeDataString(number)}&elementId={elementId}")).GetProperty("items").GetArrayLength() > 0);
}
