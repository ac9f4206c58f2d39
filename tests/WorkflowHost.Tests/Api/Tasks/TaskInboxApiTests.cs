using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Tasks;

/// <summary>The inbox's query additions (case-number search, follow-up dates, variables) and the bulk claim, over HTTP.</summary>
public sealed class TaskInboxApiTests
{
    private static string[] Keys(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("businessKey").GetString()!).ToArray();

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task My_tasks_filter_on_process_variables_and_search_the_case_number(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        await host.PublishAsync("review-v1.bpmn");
        await host.StartInstanceAsync("tech_review", new { reviewDue = "P1D", priority = 1, pricingMethod = "listing", rounds = 2, urgent = true, title = "专利 \"A\"" }, "CN-2026-0001");
        await host.StartInstanceAsync("tech_review", new { reviewDue = "P2D", priority = 1, pricingMethod = "auction", rounds = 3, urgent = false }, "CN-2026-0002");
        await host.StartInstanceAsync("tech_review", new { reviewDue = "P3D", priority = 1, pricingMethod = "listing", rounds = 3 }, "US-2026-0003");
        var tina = host.As("tina", ApiHost.Manager);

        Assert.Equal(["CN-2026-0001", "US-2026-0003"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=due&var.pricingMethod=listing")));
        Assert.Equal(["US-2026-0003"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=due&var.pricingMethod=listing&var.rounds=3")));
        Assert.Equal(["CN-2026-0001"], Keys(await host.GetAsync(tina, "/api/v1/tasks?var.urgent=true")));
        Assert.Equal(["CN-2026-0001"], Keys(await host.GetAsync(tina, $"/api/v1/tasks?var.title={Uri.EscapeDataString("专利 \"A\"")}")));
        Assert.Empty(Keys(await host.GetAsync(tina, "/api/v1/tasks?var.pricingMethod=licence")));
        // The case number search ignores case and finds a part of the number.
        Assert.Equal(["CN-2026-0001", "CN-2026-0002"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=due&search=cn-2026")));
        Assert.Equal(["US-2026-0003"], Keys(await host.GetAsync(tina, "/api/v1/tasks?search=0003")));

        var bad = await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?var.bad%20name=1"), 400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("var.bad name", out _));
        var tooLong = await ApiHost.ProblemAsync(await tina.GetAsync($"/api/v1/tasks?var.title={new string('x', 257)}"), 400);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("var.title", out _));
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?followUpBefore=soon"), 400)).GetProperty("errors").TryGetProperty("followUpBefore", out _));
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Claiming_several_tasks_says_what_happened_to_each(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        await host.PublishAsync("review-v1.bpmn");
        for (var i = 1; i <= 3; i++) await host.StartInstanceAsync("tech_review", new { reviewDue = $"P{i}D", priority = 1 }, $"INV-{i}");
        var tina = host.As("tina", ApiHost.Manager);
        var ids = (await host.GetAsync(tina, "/api/v1/tasks?sort=due")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ToList();
        var tom = host.As("tom", ApiHost.Manager);
        Assert.Equal(HttpStatusCode.NoContent, (await tom.PostAsync($"/api/v1/tasks/{ids[1]}/claim", null)).StatusCode);

        var response = await tina.PostAsJsonAsync("/api/v1/tasks/claim", new { taskIds = new[] { ids[0], ids[1], ids[2], Guid.Empty } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("claimed").GetInt32());
        Assert.Equal(2, answer.GetProperty("refused").GetInt32());
        var results = answer.GetProperty("results").EnumerateArray().ToList();
        Assert.True(results[0].GetProperty("claimed").GetBoolean());
        Assert.Equal("INV-1", results[0].GetProperty("businessKey").GetString());
        Assert.False(results[1].GetProperty("claimed").GetBoolean());
        Assert.Equal("conflict", results[1].GetProperty("code").GetString());
        Assert.Contains("tom", results[1].GetProperty("reason").GetString());
        Assert.True(results[2].GetProperty("claimed").GetBoolean());
        Assert.Equal("not-found", results[3].GetProperty("code").GetString());

        var mine = await host.GetAsync(tina, "/api/v1/tasks?sort=due");
        Assert.Equal(["INV-1", "INV-3"], Keys(mine));
        Assert.All(mine.GetProperty("items").EnumerateArray(), t => Assert.Equal("tina", t.GetProperty("assignee").GetString()));

        // An inventor is nobody's candidate here: each task refused, nothing claimed.
        var ivan = await (await host.As("ivan", "inventor").PostAsJsonAsync("/api/v1/tasks/claim", new { taskIds = new[] { ids[2] } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, ivan.GetProperty("claimed").GetInt32());
        Assert.True((await ApiHost.ProblemAsync(await tina.PostAsJsonAsync("/api/v1/tasks/claim", new { taskIds = Array.Empty<Guid>() }), 400)).GetProperty("errors").TryGetProperty("taskIds", out _));
    }

    [Fact]
    public async Task My_tasks_filter_by_the_case_s_stage_college_and_title_as_the_inbox_does()
    {
        await using var api = await DomainApiHost.StartAsync(Workflows.Persistence.DatabaseProvider.Sqlite);
        object Draft(string title, string college) => new
        {
            title, college, field = "材料", @abstract = "摘要。", fiscallyFunded = false, priorArt = "现有技术。", intendedUses = "储能。",
            inventors = new[] { new { userId = api.AliceUser.Id, name = "Alice", share = 100m } },
        };
        var solid = await api.SubmitInventionAsync(Draft("固态电解质薄膜", "材料学院"));
        var sensor = await api.SubmitInventionAsync(Draft("低功耗传感器", "电子学院"));
        var numbers = new Dictionary<Guid, string>();
        foreach (var id in new[] { solid, sensor }) numbers[id] = (await api.InventionAsync(id)).GetProperty("invention").GetProperty("caseNumber").GetString()!;

        async Task<string[]> KeysAsync(string query) => Keys(await DomainApiHost.OkAsync(api.Manager, HttpMethod.Get, "/api/v1/tasks?sort=created&" + query));
        Assert.Equal([numbers[solid]], await KeysAsync($"college={Uri.EscapeDataString("材料学院")}"));
        Assert.Equal([numbers[sensor]], await KeysAsync($"search={Uri.EscapeDataString("传感")}")); // the title, not only the case number
        Assert.Equal([numbers[solid]], await KeysAsync($"search={numbers[solid]}"));
        Assert.Equal([numbers[solid], numbers[sensor]], await KeysAsync("stage=submitted"));
        Assert.Empty(await KeysAsync($"stage=in-review&college={Uri.EscapeDataString("材料学院")}"));
        var bad = await ApiHost.ProblemAsync(await api.Manager.GetAsync("/api/v1/tasks?stage=lost"), 400);
        Assert.True(bad.GetProperty("errors").TryGetProperty("stage", out _));
    }
}
