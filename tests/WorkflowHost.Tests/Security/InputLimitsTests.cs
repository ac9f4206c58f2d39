using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Identity;
using WorkflowHost.Tests.Api;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Security;

/// <summary>
/// Lengths, counts and characters over the real HTTP stack: every disclosure field has a limit (a 5 MB abstract and a
/// 1 MB inventor name were accepted), a case has at most so many files and bytes, a co-inventor is an account, and NUL,
/// control characters and bidirectional overrides are refused in titles, text fields and file names, line breaks in
/// names; each with 400 naming the field, and nothing stored. The same holds for the siblings: users, my account,
/// committees, objections, task forms and any JSON the API takes.
/// </summary>
public sealed class InputLimitsTests(InputLimitsTests.Office office) : IClassFixture<InputLimitsTests.Office>
{
    public sealed class Office : IAsyncLifetime
    {
        public DomainApiHost Api { get; private set; } = null!;
        public async Task InitializeAsync() => Api = await StartAsync(DatabaseProvider.Sqlite);
        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    private DomainApiHost Api => office.Api;

    /// <summary>Fails unless the answer is 400 problem details naming <paramref name="field"/>.</summary>
    private static async Task RefusedAsync(HttpClient client, HttpMethod method, string path, object body, string field)
    {
        var (status, json) = await SendAsync(client, method, path, body);
        Assert.True(status == HttpStatusCode.BadRequest, $"{method} {path} answered {(int)status}, expected 400 naming {field}: {json}");
        Assert.True(json.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"{method} {path} does not name {field}: {json}");
    }

    private object Draft(string? title = null, string? @abstract = null, string? priorArt = null, string? field = null, object[]? inventors = null) => new
    {
        title = title ?? "Limits", field = field ?? "Photonics", @abstract = @abstract ?? "A waveguide.", priorArt = priorArt ?? "Ridge waveguides.",
        intendedUses = "Transceivers.",
        inventors = inventors ?? [new { userId = Api.AliceUser.Id, name = "Alice", share = 100m }],
    };

    private async Task<int> AliceInventionsAsync() => (await OkAsync(Api.Alice, HttpMethod.Get, "/api/v1/inventions")).GetArrayLength();

    [Fact]
    public async Task A_5_MB_abstract_and_a_1_MB_inventor_name_are_refused_naming_the_field_and_nothing_is_stored()
    {
        var before = await AliceInventionsAsync();
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(@abstract: new string('a', 5 * 1024 * 1024)), "abstract");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions",
            Draft(inventors: [new { userId = Api.AliceUser.Id, name = new string('n', 1024 * 1024), share = 100m }]), "inventors[0].name");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(title: new string('t', 501)), "title");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions",
            Draft(inventors: Enumerable.Range(0, 31).Select(i => (object)new { userId = Api.AliceUser.Id + i, name = "N", share = 1m }).ToArray()), "inventors");
        Assert.Equal(before, await AliceInventionsAsync());

        // An edit is held to the same limits and leaves the draft as it was.
        var id = (await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(@abstract: new string('a', 20_000))))
            .GetProperty("id").GetGuid();
        await RefusedAsync(Api.Alice, HttpMethod.Put, $"/api/v1/inventions/{id}", Draft(priorArt: new string('p', 20_001)), "priorArt");
        Assert.Equal("Ridge waveguides.", (await OkAsync(Api.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}")).GetProperty("invention").GetProperty("priorArt").GetString());
    }

    [Fact]
    public async Task A_co_inventor_who_is_no_user_is_refused_naming_the_field()
    {
        var before = await AliceInventionsAsync();
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(inventors:
        [
            new { userId = Api.AliceUser.Id, name = "Alice", share = 50m }, new { userId = "no-such-user", name = "Ghost", share = 50m },
        ]), "inventors[1].userId");
        Assert.Equal(before, await AliceInventionsAsync());
        // A real co-inventor is fine.
        await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(inventors:
        [
            new { userId = Api.AliceUser.Id, name = "Alice", share = 50m }, new { userId = Api.BobUser.Id, name = "Bob", share = 50m },
        ]));
    }

    [Fact]
    public async Task A_co_inventor_without_an_account_is_named_by_contact_and_the_office_links_the_account_they_register()
    {
        var before = await AliceInventionsAsync();
        object Wang(object? email) => new { userId = (string?)null, name = "王五", share = 40m, college = "材料学院", email, phone = (string?)null };
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(inventors:
            [new { userId = Api.AliceUser.Id, name = "Alice", share = 60m }, Wang(null)]), "inventors[1].email");
        Assert.Equal(before, await AliceInventionsAsync());

        var created = await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(inventors:
            [new { userId = Api.AliceUser.Id, name = "Alice", share = 60m }, Wang("wangwu@example.edu.cn")]));
        var id = created.GetProperty("id").GetGuid();
        var wang = created.GetProperty("inventors")[1];
        Assert.False(wang.GetProperty("hasAccount").GetBoolean());
        Assert.Equal("wangwu@example.edu.cn", wang.GetProperty("email").GetString());
        var key = wang.GetProperty("userId").GetString()!;
        await OkAsync(Api.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/submit");

        // Only the office links; Bob registered as 王五 and is linked, and then sees the case.
        var link = new { inventorKey = key, userId = Api.BobUser.Id };
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(Api.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/inventor-accounts", link)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Api.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}", null)).Status);
        var linked = await OkAsync(Api.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/inventor-accounts", link);
        Assert.True(linked.GetProperty("inventors")[1].GetProperty("hasAccount").GetBoolean());
        Assert.Equal("王五", (await OkAsync(Api.Bob, HttpMethod.Get, $"/api/v1/inventions/{id}")).GetProperty("invention").GetProperty("inventors")[1].GetProperty("name").GetString());
        await RefusedAsync(Api.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/inventor-accounts", link, "inventorKey"); // linked once
    }

    [Fact]
    public async Task Nul_and_bidi_overrides_in_titles_text_fields_and_file_names_and_line_breaks_in_names_are_refused()
    {
        var before = await AliceInventionsAsync();
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(title: "Sensor \u202Efdp.exe"), "title");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(title: "Sensor\0"), "title");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(@abstract: "A \u2066hidden\u2069 claim"), "abstract");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(field: "Photo\u202Anics"), "field");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft(title: "Sensor\r\nBcc: everyone"), "title");
        await RefusedAsync(Api.Alice, HttpMethod.Post, "/api/v1/inventions",
            Draft(inventors: [new { userId = Api.AliceUser.Id, name = "Alice\nEve", share = 100m }]), "inventors[0].name");
        Assert.Equal(before, await AliceInventionsAsync());

        var id = (await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Draft())).GetProperty("id").GetGuid();
        foreach (var name in new[] { "invoice\u202Efdp.txt", "notes\u0000.txt", "iso\u2067late.txt" })
            await RefusedAsync(Api.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", RawUpload(name), "file");
        Assert.Equal(0, (await OkAsync(Api.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments")).GetArrayLength());
    }

    /// <summary>
    /// A multipart upload written by hand, its file name as RFC 5987 <c>filename*</c> (HttpClient will not put a NUL in a
    /// header, an attacker's client will).
    /// </summary>
    private static HttpContent RawUpload(string fileName)
    {
        const string boundary = "wf-test-boundary";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}\r\n" +
                   $"Content-Type: text/plain\r\n\r\nLoss 0.8 dB/cm\r\n--{boundary}--\r\n";
        var content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    [Fact]
    public async Task Users_my_account_committees_objections_task_forms_and_instance_variables_refuse_them_too()
    {
        await RefusedAsync(Api.Admin, HttpMethod.Post, "/api/v1/users", new
        {
            email = "mallory@example.edu", password = TestUsers.DefaultPassword, displayName = "Mallory\r\nBcc: all@example.edu", language = "en",
            digest = "immediate", roles = new[] { Roles.Inventor },
        }, "displayName");
        await RefusedAsync(Api.Admin, HttpMethod.Post, "/api/v1/users", new
        {
            email = "mal\u202Elory@example.edu", password = TestUsers.DefaultPassword, displayName = "Mallory", language = "en", digest = "immediate",
            roles = new[] { Roles.Inventor },
        }, "email");
        Assert.Empty((await OkAsync(Api.Admin, HttpMethod.Get, "/api/v1/users?search=mal")).EnumerateArray());
        await RefusedAsync(Api.Alice, HttpMethod.Put, "/api/v1/me", new { displayName = "\u202Enimda" }, "displayName");
        await RefusedAsync(Api.Alice, HttpMethod.Put, "/api/v1/me", new { displayName = "Alice\nAdministrator" }, "displayName");
        Assert.Equal("alice", (await OkAsync(Api.Alice, HttpMethod.Get, "/api/v1/me")).GetProperty("displayName").GetString());
        await RefusedAsync(Api.Admin, HttpMethod.Post, "/api/v1/committees", new { code = "rtl-committee", name = "Transfer \u202Eeettimmoc" }, "name");
        await RefusedAsync(Api.Admin, HttpMethod.Put, $"/api/v1/committees/{DomainApiHost.Committee}", new { name = "Transfer\r\ncommittee" }, "name");
        await RefusedAsync(Api.Carol, HttpMethod.Post, $"/api/v1/pricing/{Guid.NewGuid()}/objections", new { text = "I object\0" }, "text");
        await RefusedAsync(Api.Admin, HttpMethod.Post, "/api/v1/instances", new
        {
            processId = "disclosure", variables = new { note = "\u202Ehidden" },
        }, "variables.note");

        // A task form's text: the screening step's questions.
        var id = await Api.SubmitInventionAsync();
        await RefusedAsync(Api.Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/screening", new { decision = "questions", questions = "Why\u202E?" }, "questions");
        Assert.Contains("Task_Screen", (await Api.InventionAsync(id)).GetProperty("openSteps").EnumerateArray().Select(s => s.GetProperty("elementId").GetString()));

        // The pages call the account service without JSON: it refuses the same.
        using var scope = Api.Host.Services.CreateScope();
        var (_, errors) = await scope.ServiceProvider.GetRequiredService<UserAccountService>()
            .UpdateProfileAsync(Api.AliceUser.Id, new UserAccountService.Profile("Alice\u202E", null, null), default);
        Assert.True(errors.Has("displayName"));
    }

    [Fact]
    public async Task Limits_per_field_and_per_case_come_from_configuration()
    {
        await using var host = await StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string>
        {
            ["TechTransfer:Limits:Title"] = "20",
            ["TechTransfer:Attachments:MaxFiles"] = "3",
            ["TechTransfer:Attachments:MaxBytes"] = "1000",
            ["TechTransfer:Attachments:MaxTotalBytes"] = "1500",
        });
        var draft = new
        {
            title = new string('t', 21), inventors = new[] { new { userId = host.AliceUser.Id, name = "Alice", share = 100m } },
        };
        var (status, json) = await SendAsync(host.Alice, HttpMethod.Post, "/api/v1/inventions", draft);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("at most 20 characters", json.GetProperty("errors").GetProperty("title")[0].GetString());
        var id = (await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, "/api/v1/inventions", draft with { title = new string('t', 20) }))
            .GetProperty("id").GetGuid();

        await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", TextFile("a.txt", "text/plain", new string('a', 800)));
        var tooMuch = await ExpectAsync(HttpStatusCode.BadRequest, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("b.txt", "text/plain", new string('b', 800)));
        Assert.Equal("case-files-too-large", tooMuch.GetProperty("code").GetString());
        Assert.True(tooMuch.GetProperty("errors").TryGetProperty("file", out _));
        await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", TextFile("c.txt", "text/plain", "c"));
        await ExpectAsync(HttpStatusCode.Created, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", TextFile("d.txt", "text/plain", "d"));
        var tooMany = await ExpectAsync(HttpStatusCode.BadRequest, host.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments",
            TextFile("e.txt", "text/plain", "e"));
        Assert.Equal("too-many-files", tooMany.GetProperty("code").GetString());
        Assert.Equal(3, (await OkAsync(host.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments")).GetArrayLength());
    }
}
