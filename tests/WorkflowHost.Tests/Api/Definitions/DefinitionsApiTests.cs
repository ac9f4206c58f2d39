using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Definitions;

public sealed class DefinitionsApiTests
{
    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Versions_list_who_published_them_and_their_instances_and_download_as_files(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var v1 = await host.PublishAsync("review-v1.bpmn");
        Assert.Equal(1, v1.GetProperty("version").GetInt32());
        Assert.Equal("wendy", v1.GetProperty("publishedBy").GetString());
        await host.StartInstanceAsync("tech_review", new { reviewDue = "P5D", priority = 50 });

        // Publishing the same file again is not a new version.
        var again = await host.PublishAsync("review-v1.bpmn");
        Assert.Equal(1, again.GetProperty("version").GetInt32());
        Assert.True(again.GetProperty("unchanged").GetBoolean());

        var v2 = await host.PublishAsync("review-v2.bpmn");
        Assert.Equal(2, v2.GetProperty("version").GetInt32());
        Assert.False(v2.GetProperty("unchanged").GetBoolean());

        var reader = host.As("tina", ApiHost.Manager);
        var process = await host.GetAsync(reader, "/api/v1/definitions/tech_review");
        var versions = process.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(1, versions[1].GetProperty("runningInstances").GetInt32());
        Assert.Equal(0, versions[0].GetProperty("runningInstances").GetInt32());
        Assert.All(versions, v => Assert.Equal("wendy", v.GetProperty("publishedBy").GetString()));

        var list = await host.GetAsync(reader, "/api/v1/definitions");
        var summary = Assert.Single(list.EnumerateArray(), p => p.GetProperty("processId").GetString() == "tech_review");
        Assert.Equal(2, summary.GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, summary.GetProperty("runningInstances").GetInt32());

        var download = await reader.GetAsync("/api/v1/definitions/tech_review/versions/1/bpmn");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/xml", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("tech_review-v1.bpmn", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(ApiHost.Fixture("review-v1.bpmn"), await download.Content.ReadAsStringAsync());

        await ApiHost.ProblemAsync(await reader.GetAsync("/api/v1/definitions/tech_review/versions/9/bpmn"), 404);
        await ApiHost.ProblemAsync(await reader.GetAsync("/api/v1/definitions/nothing_here"), 404);
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task A_workflow_administrator_may_publish_a_technology_manager_may_not(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var manager = host.As("tina", ApiHost.Manager);
        await ApiHost.ProblemAsync(await manager.PostAsync("/api/v1/definitions", ApiHost.Xml(ApiHost.Fixture("review-v1.bpmn"))), 403);
        await ApiHost.ProblemAsync(await manager.PostAsync("/api/v1/definitions/drafts", ApiHost.Xml(ApiHost.Fixture("review-v1.bpmn"))), 403);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Factory.CreateClient().PostAsync("/api/v1/definitions", ApiHost.Xml(ApiHost.Fixture("review-v1.bpmn")))).StatusCode);
        Assert.Empty((await host.GetAsync(manager, "/api/v1/definitions")).EnumerateArray());

        var published = await host.As("sam", "system-administrator").PostAsync("/api/v1/definitions", ApiHost.Xml(ApiHost.Fixture("review-v1.bpmn")));
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal("/api/v1/definitions/tech_review/versions/1", published.Headers.Location?.OriginalString);
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Publishing_an_invalid_file_answers_422_with_each_diagnostic_and_stores_nothing(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Administrator();
        var problem = await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", ApiHost.Xml(ApiHost.Fixture("invalid.bpmn"))), 422);
        var script = Assert.Single(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "BPMN004");
        Assert.Equal("script", script.GetProperty("elementId").GetString());
        Assert.Equal(6, script.GetProperty("line").GetInt32());
        Assert.Equal(6, script.GetProperty("column").GetInt32());
        Assert.Empty((await host.GetAsync(admin, "/api/v1/definitions")).EnumerateArray());

        // Validation alone reports the same, as data.
        var validation = await host.GetAsync(admin, "/api/v1/definitions"); // (still nothing stored)
        var checkResponse = await admin.PostAsync("/api/v1/definitions/validate", ApiHost.Xml(ApiHost.Fixture("invalid.bpmn")));
        var check = await checkResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("diagnostics").EnumerateArray(), d =>
            d.GetProperty("code").GetString() == "BPMN004" && d.GetProperty("line").GetInt32() == 6 && d.GetProperty("elementId").GetString() == "script");

        // Not XML at all: 422 too, never a 500.
        await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", ApiHost.Xml("this is not <xml")), 422);

        // A draft may be invalid: it is kept, with its diagnostics, and cannot be published.
        var draft = await admin.PostAsync("/api/v1/definitions/drafts", ApiHost.Xml(ApiHost.Fixture("invalid.bpmn")));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.False((await draft.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("valid").GetBoolean());
        await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions/broken/draft/publish", null), 422);
        Assert.Empty(validation.EnumerateArray());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task A_draft_is_saved_downloaded_and_published(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Administrator();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(ApiHost.Fixture("review-v1.bpmn"))) { Headers = { ContentType = new MediaTypeHeaderValue("application/xml") } }, "file", "review.bpmn");
        var saved = await admin.PostAsync("/api/v1/definitions/drafts", form);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True((await saved.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("valid").GetBoolean());
        var process = await host.GetAsync(admin, "/api/v1/definitions/tech_review");
        Assert.Empty(process.GetProperty("versions").EnumerateArray());
        Assert.Equal("wendy", process.GetProperty("draft").GetProperty("savedBy").GetString());
        Assert.Equal(ApiHost.Fixture("review-v1.bpmn"), await admin.GetStringAsync("/api/v1/definitions/tech_review/draft/bpmn"));

        var published = await admin.PostAsync("/api/v1/definitions/tech_review/draft/publish", null);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("version").GetInt32());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Oversize_empty_and_wrongly_typed_uploads_are_4xx_problems(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider, new Dictionary<string, string> { ["Workflows:MaxUploadBytes"] = "4096" });
        var admin = host.Administrator();
        var big = ApiHost.Fixture("review-v1.bpmn").Replace("<bpmn:endEvent id=\"end\" />", "<bpmn:endEvent id=\"end\" />" + new string(' ', 5000));
        var tooLarge = await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", ApiHost.Xml(big)), 413);
        Assert.True(tooLarge.GetProperty("errors").TryGetProperty("file", out _));

        // Without a Content-Length the limit still holds (a chunked body is read only up to it).
        var chunked = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        Assert.Null(chunked.Headers.ContentLength);
        await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", chunked), 413);

        var wrongType = await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", new StringContent(ApiHost.Fixture("review-v1.bpmn"), Encoding.UTF8, "text/plain")), 415);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("Content-Type", out _));
        await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", new StringContent("", Encoding.UTF8, "application/xml")), 400);
        await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions/validate", new MultipartFormDataContent { { new StringContent("x"), "other" } }), 400);
        Assert.Empty((await host.GetAsync(admin, "/api/v1/definitions")).EnumerateArray());
    }
}

/// <summary>A body whose length the client cannot know in advance (sent chunked).</summary>
internal sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
