using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

public sealed class CommitteesApiTests
{
    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task Committee_members_and_the_chair_are_resolved_by_the_directory_by_code_and_role(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var zhao = await host.CreateUserAsync("zhao@example.edu", Roles.CommitteeMember);
        var qian = await host.CreateUserAsync("qian@example.edu", Roles.CommitteeMember, Roles.CommitteeChair);
        var sun = await host.CreateUserAsync("sun@example.edu", Roles.TechnologyManager);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/committees", new { code = "expert-panel", name = "专家委员会" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/committees/expert-panel/members", new { userId = zhao.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/committees/expert-panel/members", new { userId = qian.Id, chair = true })).StatusCode);
        var panel = await (await admin.PutAsJsonAsync("/api/v1/committees/expert-panel/chair", new { userId = zhao.Id })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([zhao.Id], panel.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("isChair").GetBoolean()).Select(m => m.GetProperty("userId").GetString()));
        // A technology manager holds no committee role, so is not seated (the next test: the inventor the review seated).
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/committees/expert-panel/members", new { userId = sun.Id })).StatusCode);

        var directory = host.Services.GetRequiredService<IUserDirectory>();
        Assert.Equal(new[] { zhao.Id, qian.Id }.Order(StringComparer.Ordinal), (await directory.MembersOfAsync("expert-panel", default)).Select(c => c.UserId));
        Assert.Equal([zhao.Id], (await directory.MembersOfAsync("chair:expert-panel", default)).Select(c => c.UserId));
        Assert.Equal(new[] { zhao.Id, qian.Id }.Order(StringComparer.Ordinal), (await directory.MembersOfAsync(Roles.CommitteeMember, default)).Select(c => c.UserId));
        Assert.Equal([qian.Id], (await directory.MembersOfAsync("COMMITTEE-CHAIR", default)).Select(c => c.UserId));
        Assert.Empty(await directory.MembersOfAsync("no-such-group", default));

        // The user's own view lists their seats.
        var zhaoClient = await host.SignInAsync(zhao.Email, zhao.Password);
        var seats = (await zhaoClient.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("committees");
        Assert.Equal("expert-panel", seats[0].GetProperty("code").GetString());
        Assert.True(seats[0].GetProperty("chair").GetBoolean());
    }

    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task Only_holders_of_a_committee_role_are_seated_and_losing_the_role_loses_the_seat(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var inventor = await host.CreateUserAsync("inventor@example.edu", Roles.Inventor);
        var member = await host.CreateUserAsync("member@example.edu", Roles.CommitteeMember);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/committees", new { code = "panel", name = "科技成果转化专家委员会" })).StatusCode);

        // The review found an inventor seated, given a vote task that opened to "no access", and counted as a seat.
        var refused = await admin.PostAsJsonAsync("/api/v1/committees/panel/members", new { userId = inventor.Id });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/committees/panel/members", new { userId = inventor.Id, chair = true })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/committees/panel/members", new { userId = member.Id })).StatusCode);
        var directory = host.Services.GetRequiredService<IUserDirectory>();
        Assert.Equal([member.Id], (await directory.MembersOfAsync("panel", default)).Select(c => c.UserId));

        // Without a committee role the seat goes too: no later review counts them.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{member.Id}/roles", new { roles = new[] { Roles.Inventor } })).StatusCode);
        Assert.Empty(await directory.MembersOfAsync("panel", default));
        var panel = await admin.GetFromJsonAsync<JsonElement>("/api/v1/committees/panel");
        Assert.Equal(0, panel.GetProperty("members").GetArrayLength());
    }

    [Fact]
    public async Task Bad_committee_requests_name_the_field_or_what_is_missing()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var member = await host.CreateUserAsync("member@example.edu", Roles.CommitteeMember);

        async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
        {
            Assert.Equal(status, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.True((await Problem(await admin.PostAsJsonAsync("/api/v1/committees", new { code = "Bad Code!", name = "x" }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await Problem(await admin.PostAsJsonAsync("/api/v1/committees", new { code = Roles.Inventor, name = "x" }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await Problem(await admin.PostAsJsonAsync("/api/v1/committees", new { code = "panel" }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/committees", new { code = "panel", name = "Panel" })).StatusCode);
        Assert.True((await Problem(await admin.PostAsJsonAsync("/api/v1/committees", new { code = "panel", name = "Again" }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("code", out _));
        Assert.True((await Problem(await admin.PostAsJsonAsync("/api/v1/committees/panel/members", new { userId = "ghost" }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("userId", out _));
        Assert.True((await Problem(await admin.PutAsJsonAsync("/api/v1/committees/panel/chair", new { userId = member.Id }), HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("userId", out _));
        Assert.Equal("code", (await Problem(await admin.PostAsJsonAsync("/api/v1/committees/nope/members", new { userId = member.Id }), HttpStatusCode.NotFound)).GetProperty("field").GetString());
        Assert.Equal("userId", (await Problem(await admin.DeleteAsync($"/api/v1/committees/panel/members/{member.Id}"), HttpStatusCode.NotFound)).GetProperty("field").GetString());
    }
}
