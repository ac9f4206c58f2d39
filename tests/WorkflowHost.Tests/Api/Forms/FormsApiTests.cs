using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowHost.Tests.Api.Forms;

/// <summary>Task forms edited in the designer: /api/v1/forms over the real HTTP stack, on SQLite and PostgreSQL.</summary>
public sealed class FormsApiTests
{
    private static async Task<ApiHost> HostWithReviewAsync(string provider)
    {
        var host = await ApiHost.StartAsync(provider);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Api", "Fixtures", "review.form.json"), Path.Combine(host.FormsPath, "review.form.json"));
        await host.PublishAsync("review-v1.bpmn");
        return host;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The shipped review form with one more input: a required licence number.</summary>
    private static string ReviewWithLicenceNumber()
    {
        var form = JsonNode.Parse(ApiHost.Fixture("review.form.json"))!.AsObject();
        form["components"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "Field_licence", ["key"] = "licenceNumber", ["type"] = "textfield", ["label"] = "Licence number",
            ["validate"] = new JsonObject { ["required"] = true },
        });
        return form.ToJsonString();
    }

    private static readonly object GoodReview = new { variables = new { score = 7, recommendation = "file", comment = "solid", urgent = true } };

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task A_published_form_with_a_new_required_field_makes_completing_without_it_a_400_naming_the_field(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var instance = await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 }, "INV-F1");
        var task = (await host.GetAsync(host.Administrator(), $"/api/v1/instances/{instance}")).GetProperty("openTasks")[0].GetProperty("id").GetGuid();
        var admin = host.Administrator();
        var tina = host.As("tina", ApiHost.Manager);

        // Before: the shipped file, no versions in the store.
        var list = await host.GetAsync(tina, "/api/v1/forms");
        var review = list.EnumerateArray().Single(f => f.GetProperty("key").GetString() == "review");
        Assert.True(review.GetProperty("shipped").GetBoolean());
        Assert.Equal(JsonValueKind.Null, review.GetProperty("latestVersion").ValueKind);
        Assert.Equal(4, (await host.GetAsync(tina, "/api/v1/forms/review")).GetProperty("components").GetArrayLength());
        Assert.Equal(0, (await host.GetAsync(tina, "/api/v1/forms/review/versions")).GetArrayLength());

        // Only workflow administrators publish.
        await ApiHost.ProblemAsync(await tina.PutAsync("/api/v1/forms/review", Json(ReviewWithLicenceNumber())), 403);

        var published = await admin.PutAsync("/api/v1/forms/review", Json(ReviewWithLicenceNumber()));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var v1 = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("wendy", v1.GetProperty("publishedBy").GetString());
        Assert.EndsWith("/api/v1/forms/review/versions/1", published.Headers.Location!.ToString());

        // Used at once: the form endpoint, the task's form and the server's check of a completion.
        Assert.Contains("licenceNumber", (await host.GetAsync(tina, "/api/v1/forms/review")).GetRawText());
        Assert.Contains("licenceNumber", await (await tina.GetAsync($"/api/v1/tasks/{task}/form")).Content.ReadAsStringAsync());
        var refused = await ApiHost.ProblemAsync(await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", GoodReview), 400);
        Assert.True(refused.GetProperty("errors").TryGetProperty("variables.licenceNumber", out var messages), refused.GetRawText());
        Assert.Contains("Licence number", messages[0].GetString());
        var done = await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete",
            new { variables = new { score = 7, recommendation = "file", licenceNumber = "LIC-2026-001" } });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        // Versioned: who and when, newest first.
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync("/api/v1/forms/review", Json(ApiHost.Fixture("review.form.json")))).StatusCode);
        var versions = await host.GetAsync(tina, "/api/v1/forms/review/versions");
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
        Assert.All(versions.EnumerateArray(), v => Assert.Equal("wendy", v.GetProperty("publishedBy").GetString()));
        Assert.Contains("licenceNumber", (await host.GetAsync(tina, "/api/v1/forms/review/versions/1")).GetRawText());
        Assert.DoesNotContain("licenceNumber", (await host.GetAsync(tina, "/api/v1/forms/review")).GetRawText());
        var listed = (await host.GetAsync(tina, "/api/v1/forms")).EnumerateArray().Single(f => f.GetProperty("key").GetString() == "review");
        Assert.Equal(2, listed.GetProperty("latestVersion").GetInt32());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Validate_names_each_problem_and_publishing_a_bad_form_is_refused_with_nothing_stored(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var admin = host.Administrator();
        const string bad = """
            { "id": "review", "components": [
              { "id": "a", "key": "score", "type": "number" },
              { "id": "a", "key": "score", "type": "textfield" },
              { "id": "c", "type": "textarea" },
              { "id": "d", "key": "upload", "type": "filepicker" }
            ] }
            """;
        var answer = await (await admin.PostAsync("/api/v1/forms/review/validate", Json(bad))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(answer.GetProperty("valid").GetBoolean());
        var errors = answer.GetProperty("errors");
        Assert.Contains("used twice", errors.GetProperty("components[1].id")[0].GetString());
        Assert.Contains("used twice", errors.GetProperty("components[1].key")[0].GetString());
        Assert.Contains("needs a key", errors.GetProperty("components[2].key")[0].GetString());
        Assert.Contains("filepicker", errors.GetProperty("components[3].type")[0].GetString());

        var notJson = await (await admin.PostAsync("/api/v1/forms/review/validate", Json("{ not json"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(notJson.GetProperty("errors").TryGetProperty("schema", out _));
        var good = await (await admin.PostAsync("/api/v1/forms/review/validate", Json(ReviewWithLicenceNumber()))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(good.GetProperty("valid").GetBoolean(), good.GetRawText());

        var refused = await ApiHost.ProblemAsync(await admin.PutAsync("/api/v1/forms/review", Json(bad)), 400);
        Assert.True(refused.GetProperty("errors").TryGetProperty("components[3].type", out _));
        Assert.Equal(0, (await host.GetAsync(admin, "/api/v1/forms/review/versions")).GetArrayLength());

        await ApiHost.ProblemAsync(await admin.PutAsync("/api/v1/forms/review", new StringContent("<form/>", Encoding.UTF8, "application/xml")), 415);
        var badKey = await ApiHost.ProblemAsync(await admin.PutAsync("/api/v1/forms/bad%20key!", Json(ReviewWithLicenceNumber())), 400);
        Assert.True(badKey.GetProperty("errors").TryGetProperty("key", out _));
        await ApiHost.ProblemAsync(await admin.GetAsync("/api/v1/forms/missing"), 404);
        await ApiHost.ProblemAsync(await admin.GetAsync("/api/v1/forms/missing/versions"), 404);
        await ApiHost.ProblemAsync(await admin.GetAsync("/api/v1/forms/review/versions/9"), 404);
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task A_saved_draft_is_not_used_by_tasks_until_it_is_published(string provider)
    {
        await using var host = await HostWithReviewAsync(provider);
        var admin = host.Administrator();
        await ApiHost.ProblemAsync(await admin.GetAsync("/api/v1/forms/review/draft"), 404);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync("/api/v1/forms/review/draft", Json(ReviewWithLicenceNumber()))).StatusCode);
        Assert.Contains("licenceNumber", (await host.GetAsync(admin, "/api/v1/forms/review/draft")).GetRawText());
        Assert.DoesNotContain("licenceNumber", (await host.GetAsync(admin, "/api/v1/forms/review")).GetRawText());
        var listed = (await host.GetAsync(admin, "/api/v1/forms")).EnumerateArray().Single(f => f.GetProperty("key").GetString() == "review");
        Assert.True(listed.GetProperty("hasDraft").GetBoolean());
        await ApiHost.ProblemAsync(await admin.PutAsync("/api/v1/forms/review/draft", Json("{ broken")), 400);

        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsync("/api/v1/forms/review", Json(ReviewWithLicenceNumber()))).StatusCode);
        await ApiHost.ProblemAsync(await admin.GetAsync("/api/v1/forms/review/draft"), 404); // publishing consumed the draft
        Assert.Contains("licenceNumber", (await host.GetAsync(admin, "/api/v1/forms/review")).GetRawText());
    }
}
