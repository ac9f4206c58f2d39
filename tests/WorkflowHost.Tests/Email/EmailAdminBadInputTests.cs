using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Notifications;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Email;

/// <summary>
/// Every bad template request is a 4xx problem answer naming the field, in Development (what `dotnet run` uses)
/// as in production; before, several were 500s. Concurrent saves of one template are one atomic upsert.
/// </summary>
public sealed class EmailAdminBadInputTests
{
    public static TheoryData<string> Environments => new() { "Development", "Production" };
    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    private static HostFactory Host(string environment, IDictionary<string, string>? extra = null)
    {
        var (data, workflows) = HostFactory.NewFolders();
        var settings = new Dictionary<string, string> { ["environment"] = environment };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) settings[k] = v;
        return new HostFactory(data, workflows, settings, HeaderAuthenticationHandler.Register);
    }

    private static HttpClient Admin(HostFactory host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-User", "root");
        client.DefaultRequestHeaders.Add("X-Test-Roles", "system-administrator");
        return client;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory, MemberData(nameof(Environments))]
    public async Task Malformed_json_wrong_types_empty_bodies_and_unknown_members_are_400s_naming_the_field(string environment)
    {
        await using var host = Host(environment);
        var admin = Admin(host);
        const string url = "/api/v1/admin/email/templates/task-reminder/en";

        var malformed = await ProblemAsync(await admin.PutAsync(url, Json("""{"subject": "Due""")), HttpStatusCode.BadRequest);
        Assert.True(malformed.GetProperty("errors").EnumerateObject().Any());

        var wrongType = await ProblemAsync(await admin.PutAsync(url, Json("""{"subject": 5, "text": "x", "html": "x"}""")), HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("subject", out _));

        var empty = await ProblemAsync(await admin.PutAsync(url, Json("")), HttpStatusCode.BadRequest);
        Assert.True(empty.GetProperty("errors").TryGetProperty("body", out _));

        var unknown = await ProblemAsync(await admin.PutAsync(url, Json("""{"subject": "a", "text": "b", "html": "c", "colour": "red"}""")), HttpStatusCode.BadRequest);
        Assert.Contains("colour", unknown.GetProperty("errors").ToString());

        var preview = await ProblemAsync(await admin.PostAsync(url + "/preview", Json("""{"subject": ["x"]}""")), HttpStatusCode.BadRequest);
        Assert.True(preview.GetProperty("errors").TryGetProperty("subject", out _));
    }

    [Theory, MemberData(nameof(Environments))]
    public async Task Huge_templates_are_refused_and_a_megabyte_of_open_braces_cannot_time_the_regex_out(string environment)
    {
        await using var host = Host(environment);
        var admin = Admin(host);
        var megabyte = string.Concat(Enumerable.Repeat("{{a", 350_000));
        var tooBig = await admin.PutAsJsonAsync("/api/v1/admin/email/templates/task-reminder/en", new { subject = "s", text = megabyte, html = "<p>x</p>" });
        await ProblemAsync(tooBig, HttpStatusCode.RequestEntityTooLarge);

        var twenty = new string('x', 20 * 1024 * 1024);
        await ProblemAsync(await admin.PutAsync("/api/v1/admin/email/templates/task-reminder/en", Json($$"""{"subject":"s","text":"{{twenty}}","html":"h"}""")),
            HttpStatusCode.RequestEntityTooLarge);

        // Just under the part limit: checked by the linear-time matcher (no placeholder in it, so it is valid), answered at once.
        var large = string.Concat(Enumerable.Repeat("{{a", 21_000));
        var saved = await admin.PutAsJsonAsync("/api/v1/admin/email/templates/task-reminder/en", new { subject = "s", text = large, html = "<p>x</p>" });
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        var preview = await admin.PostAsJsonAsync("/api/v1/admin/email/templates/task-reminder/en/preview", new { subject = "s", text = large, html = large });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Unknown_and_overlong_template_keys_are_refused_on_every_database(DatabaseProvider provider)
    {
        await using var db = provider == DatabaseProvider.Postgres ? await TestDatabase.CreateAsync(provider, migrate: false) : null;
        await using var host = Host("Production", db is null ? null : new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Workflows"] = db.ConnectionString,
        });
        var admin = Admin(host);
        var body = new { subject = "s", text = "t", html = "<p>h</p>" };

        var unknown = await admin.PutAsJsonAsync("/api/v1/admin/email/templates/no-such-event/en", body);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("task-reminder", await unknown.Content.ReadAsStringAsync());

        var overlong = await ProblemAsync(await admin.PutAsJsonAsync($"/api/v1/admin/email/templates/{new string('k', 150)}/en", body), HttpStatusCode.BadRequest);
        Assert.True(overlong.GetProperty("errors").TryGetProperty("key", out _));

        var customised = await host.Services.GetRequiredService<EmailTemplates>().CustomisedAsync(default);
        Assert.Empty(customised);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Twenty_concurrent_saves_of_one_template_all_succeed_and_leave_one_row(DatabaseProvider provider)
    {
        await using var db = provider == DatabaseProvider.Postgres ? await TestDatabase.CreateAsync(provider, migrate: false) : null;
        await using var host = Host("Production", db is null ? null : new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres", ["ConnectionStrings:Workflows"] = db.ConnectionString,
        });
        var admin = Admin(host);
        var saves = Enumerable.Range(0, 20).Select(i => admin.PutAsJsonAsync("/api/v1/admin/email/templates/task-assigned/zh-CN",
            new { subject = $"新任务 {i}：{{{{taskName}}}}", text = "{{taskName}} {{link}}", html = "<p>{{taskName}}</p>" }));
        var answers = await Task.WhenAll(saves);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        var rows = await host.Services.GetRequiredService<NotificationDatabase>().QueryAsync(
            "SELECT subject FROM email_templates WHERE template_key = 'task-assigned'", r => r.GetString(0), default);
        Assert.StartsWith("新任务 ", Assert.Single(rows));
    }
}
