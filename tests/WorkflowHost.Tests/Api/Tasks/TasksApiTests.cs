using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Tasks;

public sealed class TasksApiTests
{
    private static async Task<ApiHost> HostWithReviewAsync(string provider)
    {
        var host = await ApiHost.StartAsync(provider);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Api", "Fixtures", "review.form.json"), Path.Combine(host.FormsPath, "review.form.json"));
        await host.PublishAsync("review-v1.bpmn");
        return host;
    }

    private static async Task<Guid> ReviewTaskAsync(ApiHost host, Guid instanceId)
    {
        var state = await host.GetAsync(host.Administrator(), $"/api/v1/instances/{instanceId}");
        return state.GetProperty("openTasks").EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static readonly object GoodReview = new { variables = new { score = 7, recommendation = "file", comment = "solid", urgent = true } };

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task My_tasks_filter_sort_and_page_with_a_total(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        // Five reviews: priorities 10..50, due in 1..5 days, except INV-5 which was due in 2020 (overdue).
        for (var i = 1; i <= 5; i++)
            await host.StartInstanceAsync("tech_review", new { reviewDue = i == 5 ? "2020-01-01T00:00:00Z" : $"P{i}D", priority = i * 10 }, $"INV-{i}");
        var tina = host.As("tina", ApiHost.Manager);

        var page1 = await host.GetAsync(tina, "/api/v1/tasks?pageSize=2");
        Assert.Equal(5, page1.GetProperty("total").GetInt32());
        Assert.Equal(["INV-5", "INV-4"], Keys(page1));
        var page3 = await host.GetAsync(tina, "/api/v1/tasks?pageSize=2&page=3");
        Assert.Equal(["INV-1"], Keys(page3));

        Assert.Equal(["INV-5", "INV-1", "INV-2", "INV-3", "INV-4"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=due")));
        Assert.Equal(["INV-4", "INV-3", "INV-2", "INV-1", "INV-5"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=due&order=desc")));
        Assert.Equal(["INV-1", "INV-2", "INV-3", "INV-4", "INV-5"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=created")));
        Assert.Equal(["INV-1", "INV-2"], Keys(await host.GetAsync(tina, "/api/v1/tasks?sort=priority&order=asc&pageSize=2")));

        var overdue = await host.GetAsync(tina, "/api/v1/tasks?overdue=true");
        Assert.Equal(["INV-5"], Keys(overdue));
        Assert.True(overdue.GetProperty("items")[0].GetProperty("overdue").GetBoolean());
        Assert.Equal(4, (await host.GetAsync(tina, "/api/v1/tasks?overdue=false")).GetProperty("total").GetInt32());
        var in2days = host.Factory.Clock.GetUtcNow().AddDays(2).AddHours(1).ToString("O");
        Assert.Equal(["INV-5", "INV-1", "INV-2"], Keys(await host.GetAsync(tina, $"/api/v1/tasks?sort=due&dueBefore={Uri.EscapeDataString(in2days)}")));
        Assert.Equal(["INV-3", "INV-4"], Keys(await host.GetAsync(tina, $"/api/v1/tasks?sort=due&dueAfter={Uri.EscapeDataString(in2days)}")));
        Assert.Equal(["INV-3"], Keys(await host.GetAsync(tina, "/api/v1/tasks?businessKey=INV-3")));
        Assert.Equal(5, (await host.GetAsync(tina, "/api/v1/tasks?processId=tech_review&elementId=review")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetAsync(tina, "/api/v1/tasks?elementId=revise")).GetProperty("total").GetInt32());

        // A task tom claimed is his: it leaves tina's inbox and shows in his.
        var tom = host.As("tom", ApiHost.Manager);
        var claimed = page3.GetProperty("items")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await tom.PostAsync($"/api/v1/tasks/{claimed}/claim", null)).StatusCode);
        Assert.Equal(4, (await host.GetAsync(tina, "/api/v1/tasks")).GetProperty("total").GetInt32());
        Assert.Equal(5, (await host.GetAsync(tom, "/api/v1/tasks")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetAsync(host.As("ivan", "inventor"), "/api/v1/tasks")).GetProperty("total").GetInt32());

        // Bad paging and sorting name their parameter.
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?sort=colour"), 400)).GetProperty("errors").TryGetProperty("sort", out _));
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?page=0"), 400)).GetProperty("errors").TryGetProperty("page", out _));
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?pageSize=5000"), 400)).GetProperty("errors").TryGetProperty("pageSize", out _));
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?page=abc"), 400)).GetProperty("errors").TryGetProperty("page", out _));
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?dueBefore=yesterday"), 400)).GetProperty("errors").TryGetProperty("dueBefore", out _));
        Assert.True((await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/tasks?order=sideways"), 400)).GetProperty("errors").TryGetProperty("order", out _));
    }

    private static string[] Keys(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("businessKey").GetString()!).ToArray();

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task A_non_candidate_gets_403_and_nothing_changes(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);
        var ivan = host.As("ivan", "inventor");

        await ApiHost.ProblemAsync(await ivan.GetAsync($"/api/v1/tasks/{task}"), 403);
        await ApiHost.ProblemAsync(await ivan.PostAsync($"/api/v1/tasks/{task}/claim", null), 403);
        await ApiHost.ProblemAsync(await ivan.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview), 403);
        await ApiHost.ProblemAsync(await ivan.PostAsJsonAsync($"/api/v1/tasks/{task}/send-back", new { reason = "no" }), 403);
        await ApiHost.ProblemAsync(await ivan.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userId = "ivan" }), 403);
        await ApiHost.ProblemAsync(await ivan.PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { assignee = "ivan" }), 403);
        await ApiHost.ProblemAsync(await ivan.GetAsync($"/api/v1/instances/{instance}"), 403);

        var admin = host.Administrator();
        var view = (await host.GetAsync(admin, $"/api/v1/tasks/{task}")).GetProperty("task");
        Assert.Equal("created", view.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("assignee").ValueKind);
        var history = await host.GetAsync(admin, $"/api/v1/instances/{instance}/history");
        Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("event").GetString() is "taskClaimed" or "taskCompleted" or "taskDelegated" or "taskReassigned");

        // Tina claims it; then it is hers alone: tom may not act, nor may an administrator complete in her place, but he may reassign.
        var tina = host.As("tina", ApiHost.Manager);
        var tom = host.As("tom", ApiHost.Manager);
        Assert.Equal(HttpStatusCode.NoContent, (await tina.PostAsync($"/api/v1/tasks/{task}/claim", null)).StatusCode);
        await ApiHost.ProblemAsync(await tom.PostAsync($"/api/v1/tasks/{task}/claim", null), 409);
        await ApiHost.ProblemAsync(await tom.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview), 403);
        await ApiHost.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview), 403);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { assignee = "tom" })).StatusCode);
        await ApiHost.ProblemAsync(await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview), 403);
        var done = await tom.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("tom", (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("completedBy").GetString());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Two_candidates_completing_at_once_get_one_200_and_one_409(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);
        var tina = host.As("tina", ApiHost.Manager);
        var tom = host.As("tom", ApiHost.Manager);

        var answers = await Task.WhenAll(
            tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview),
            tom.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order().ToArray());
        await ApiHost.ProblemAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Conflict), 409);

        var history = await host.GetAsync(host.Administrator(), $"/api/v1/instances/{instance}/history");
        Assert.Single(history.EnumerateArray(), e => e.GetProperty("event").GetString() == "taskCompleted");
        Assert.Equal("completed", (await host.GetAsync(host.Administrator(), $"/api/v1/instances/{instance}")).GetProperty("status").GetString());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Form_data_that_does_not_fit_the_form_is_400_naming_each_field(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);
        var tina = host.As("tina", ApiHost.Manager);

        var form = await tina.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{task}/form");
        Assert.Equal("review", form.GetProperty("id").GetString());

        var bad = await ApiHost.ProblemAsync(await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete",
            new { variables = new { score = "high", recommendation = "maybe", comment = new string('x', 21), urgent = "yes", extra = 1 } }), 400);
        var errors = bad.GetProperty("errors");
        foreach (var field in new[] { "variables.score", "variables.recommendation", "variables.comment", "variables.urgent", "variables.extra" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");

        var missing = (await ApiHost.ProblemAsync(await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { variables = new { score = 11 } }), 400)).GetProperty("errors");
        Assert.Contains("at most 10", missing.GetProperty("variables.score")[0].GetString());
        Assert.Contains("required", missing.GetProperty("variables.recommendation")[0].GetString());

        // Nothing changed; good data completes it and lands in the instance.
        Assert.Equal("created", (await host.GetAsync(tina, $"/api/v1/tasks/{task}")).GetProperty("task").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview)).StatusCode);
        var variables = await host.GetAsync(host.Administrator(), $"/api/v1/instances/{instance}/variables");
        Assert.Equal(7, variables.GetProperty("score").GetInt32());
        Assert.Equal("file", variables.GetProperty("recommendation").GetString());
    }

    [Fact]
    public async Task The_task_form_comes_in_the_callers_language_with_the_same_keys_and_values()
    {
        await using var host = await HostWithReviewAsync("Sqlite");
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);

        async Task<JsonElement> FormIn(string? language)
        {
            var client = host.As("tina", ApiHost.Manager);
            client.DefaultRequestHeaders.AcceptLanguage.Clear();
            if (language is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var components = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{task}/form")).GetProperty("components");
            return components[1];
        }

        var chinese = await FormIn("zh-CN");
        Assert.Equal("建议", chinese.GetProperty("label").GetString());
        Assert.Equal(["申请专利", "放弃"], chinese.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("label").GetString()));
        Assert.Equal(["file", "abandon"], chinese.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("value").GetString()));
        Assert.Equal("recommendation", chinese.GetProperty("key").GetString());
        Assert.Equal("建议", (await FormIn(null)).GetProperty("label").GetString()); // Chinese first: the installation's default
        var english = await FormIn("en");
        Assert.Equal("Recommendation", english.GetProperty("label").GetString());
        Assert.Equal("File a patent", english.GetProperty("values")[0].GetProperty("label").GetString());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Malformed_wrongly_typed_and_empty_bodies_are_4xx_problems_never_500(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);
        var tina = host.As("tina", ApiHost.Manager);
        var admin = host.Administrator();

        var malformed = await ApiHost.ProblemAsync(await tina.PostAsync($"/api/v1/tasks/{task}/complete", Json("{\"variables\": {")), 400);
        Assert.True(malformed.TryGetProperty("errors", out _));
        var wrongType = await ApiHost.ProblemAsync(await tina.PostAsync($"/api/v1/tasks/{task}/complete", Json("{\"variables\": 5}")), 400);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("variables", out _), wrongType.ToString());
        var empty = await ApiHost.ProblemAsync(await tina.PostAsync($"/api/v1/tasks/{task}/complete", Json("")), 400);
        Assert.True(empty.GetProperty("errors").TryGetProperty("body", out _), empty.ToString());
        await ApiHost.ProblemAsync(await tina.PostAsync($"/api/v1/tasks/{task}/complete", new StringContent("score=7", Encoding.UTF8, "text/plain")), 415);
        var reason = await ApiHost.ProblemAsync(await tina.PostAsync($"/api/v1/tasks/{task}/send-back", Json("{\"reason\": 5}")), 400);
        Assert.True(reason.GetProperty("errors").TryGetProperty("reason", out _), reason.ToString());
        var blank = await ApiHost.ProblemAsync(await tina.PostAsync($"/api/v1/tasks/{task}/send-back", Json("{\"reason\": \"  \"}")), 400);
        Assert.True(blank.GetProperty("errors").TryGetProperty("reason", out _));

        var version = await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/instances/migrations/plan", Json("{\"processId\":\"tech_review\",\"targetVersion\":\"two\"}")), 400);
        Assert.True(version.GetProperty("errors").TryGetProperty("targetVersion", out _), version.ToString());
        var start = await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/instances", Json("{\"variables\": {}}")), 400);
        Assert.True(start.GetProperty("errors").TryGetProperty("processId", out _));
        await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/instances", Json("[1,2]")), 400);

        await ApiHost.ProblemAsync(await tina.PostAsJsonAsync($"/api/v1/tasks/{Guid.NewGuid()}/complete", GoodReview), 404);
        await ApiHost.ProblemAsync(await tina.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}"), 404);
        await ApiHost.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/instances/{Guid.NewGuid()}/cancel", new { reason = "test" }), 404);
        await ApiHost.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/instances", new { processId = "no_such_process" }), 404);
        Assert.Equal("created", (await host.GetAsync(tina, $"/api/v1/tasks/{task}")).GetProperty("task").GetProperty("status").GetString());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Send_back_completes_with_the_reason_and_the_workflow_routes_back(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);
        var tina = host.As("tina", ApiHost.Manager);

        var sent = await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/send-back", new { reason = "The claims are missing." });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var state = await host.GetAsync(host.Administrator(), $"/api/v1/instances/{instance}");
        Assert.Equal("sendBack", state.GetProperty("variables").GetProperty("outcome").GetString());
        Assert.Equal("The claims are missing.", state.GetProperty("variables").GetProperty("sendBackReason").GetString());
        var revise = state.GetProperty("openTasks").EnumerateArray().Single();
        Assert.Equal("revise", revise.GetProperty("elementId").GetString());

        // The revise task has no form: any JSON object is accepted. Then the review comes back.
        var ivan = host.As("ivan", "inventor");
        var reviseId = revise.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ivan.PostAsJsonAsync($"/api/v1/tasks/{reviseId}/complete",
            new { variables = new { outcome = "revised", claims = new[] { "1. A sensor" } } })).StatusCode);
        Assert.Equal(["review"], (await host.GetAsync(tina, "/api/v1/tasks")).GetProperty("items").EnumerateArray()
            .Select(t => t.GetProperty("elementId").GetString()!).ToArray());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Delegated_work_is_resolved_back_to_its_owner(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-1");
        var task = await ReviewTaskAsync(host, instance);
        var tina = host.As("tina", ApiHost.Manager);
        var dora = host.As("dora", "committee-member");

        Assert.Equal(HttpStatusCode.NoContent, (await tina.PostAsync($"/api/v1/tasks/{task}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userId = "dora" })).StatusCode);
        Assert.Equal(["INV-1"], (await host.GetAsync(dora, "/api/v1/tasks")).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("businessKey").GetString()!).ToArray());
        await ApiHost.ProblemAsync(await dora.PostAsJsonAsync($"/api/v1/tasks/{task}/resolve", new { variables = new { score = "ten" } }), 400);
        Assert.Equal(HttpStatusCode.NoContent, (await dora.PostAsJsonAsync($"/api/v1/tasks/{task}/resolve", new { variables = new { comment = "looks novel" } })).StatusCode);
        var view = (await host.GetAsync(tina, $"/api/v1/tasks/{task}")).GetProperty("task");
        Assert.Equal("tina", view.GetProperty("assignee").GetString());
        Assert.Equal("claimed", view.GetProperty("status").GetString());
        await ApiHost.ProblemAsync(await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/delegate", new { userId = "" }), 400);
    }
}
