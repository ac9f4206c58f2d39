using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Identity;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

public sealed class UsersApiTests
{
    private static async Task<JsonElement> Errors(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_problem_details_naming_the_field()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();

        var errors = await Errors(await admin.PostAsJsonAsync("/api/v1/users", new { email = "weak@example.edu", password = "password1", roles = new[] { Roles.Inventor } }));
        var messages = errors.GetProperty("password").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(messages, m => m.Contains("12 characters"));
        Assert.Contains(messages, m => m.Contains("uppercase"));
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?search=weak")).GetArrayLength());
    }

    [Fact]
    public async Task Account_messages_answer_in_the_signed_in_users_language()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var chinese = await host.CreateUserWithPasswordAsync("zh-admin@example.edu", TestUsers.DefaultPassword, "zh-CN", Roles.SystemAdministrator);
        using var zh = await host.SignInAsync(chinese.Email, chinese.Password);
        using var en = await host.SignInAsAdminAsync(); // the bootstrap administrator reads English

        var request = new { email = "weak@example.edu", password = "password1", language = "fr", roles = new[] { "wizard" } };
        var inChinese = await Errors(await zh.PostAsJsonAsync("/api/v1/users", request));
        var inEnglish = await Errors(await en.PostAsJsonAsync("/api/v1/users", request));

        // Identity's password rules (LocalizedIdentityErrorDescriber) and the account service's own checks.
        Assert.Contains(inChinese.GetProperty("password").EnumerateArray(), m => m.GetString() == "密码至少需要 12 个字符。");
        Assert.Contains(inChinese.GetProperty("password").EnumerateArray(), m => m.GetString() == "密码至少需要包含一个大写字母（A–Z）。");
        Assert.StartsWith("“fr”不是可选语言之一", inChinese.GetProperty("language")[0].GetString());
        Assert.StartsWith("“wizard”不是有效角色", inChinese.GetProperty("roles")[0].GetString());
        Assert.Contains(inEnglish.GetProperty("password").EnumerateArray(), m => m.GetString() == "Passwords must be at least 12 characters.");
        Assert.Equal("'fr' is not one of zh-CN, en.", inEnglish.GetProperty("language")[0].GetString());

        // A taken address, as Identity reports it when the user is written.
        await host.CreateUserAsync("taken@example.edu", Roles.Inventor);
        var taken = await Errors(await zh.PostAsJsonAsync("/api/v1/users", new { email = "taken@example.edu", password = TestUsers.DefaultPassword }));
        Assert.Contains(taken.GetProperty("email").EnumerateArray(), m => m.GetString() == "电子邮箱地址“taken@example.edu”已被使用。");
    }

    [Fact]
    public async Task Bad_input_names_every_field_and_never_answers_500()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();

        var errors = await Errors(await admin.PostAsJsonAsync("/api/v1/users", new { language = "fr", digest = "weekly", roles = new[] { "wizard" } }));
        foreach (var field in new[] { "email", "password", "language", "digest", "roles" })
            Assert.True(errors.TryGetProperty(field, out _), field);

        var user = await host.CreateUserAsync("twice@example.edu", Roles.Inventor);
        var duplicate = await Errors(await admin.PostAsJsonAsync("/api/v1/users", new { email = "TWICE@example.edu", password = TestUsers.DefaultPassword }));
        Assert.True(duplicate.TryGetProperty("email", out _));
        Assert.True((await Errors(await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { "root" } }))).TryGetProperty("roles", out _));
        Assert.True((await Errors(await admin.GetAsync("/api/v1/users?pageSize=0"))).TryGetProperty("pageSize", out _));

        var weakAndFrench = await Errors(await admin.PostAsJsonAsync("/api/v1/users", new { email = "w@example.edu", password = "short", language = "fr" }));
        Assert.True(weakAndFrench.TryGetProperty("password", out _) && weakAndFrench.TryGetProperty("language", out _));
        var malformed = await admin.PostAsync("/api/v1/users", new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.True((await Errors(await admin.PostAsJsonAsync("/api/v1/users", new { email = 5 }))).TryGetProperty("email", out _));
        Assert.True((await Errors(await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = "inventor" }))).TryGetProperty("roles", out _));
        var wrongType = await admin.PostAsync("/api/v1/users", new StringContent("email=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/users/nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync("/api/v1/users/nobody/roles", new { roles = Array.Empty<string>() })).StatusCode);
    }

    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task Someone_who_is_not_a_system_administrator_gets_403_on_user_and_committee_administration(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();
        var (_, workflowAdmin) = await host.CreateSignedInUserAsync("wfadmin@example.edu", Roles.WorkflowAdministrator, Roles.OfficeHead);

        Assert.Equal(HttpStatusCode.Forbidden, (await workflowAdmin.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await workflowAdmin.PostAsJsonAsync("/api/v1/users",
            new { email = "sneaky@example.edu", password = TestUsers.DefaultPassword, roles = new[] { Roles.SystemAdministrator } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await workflowAdmin.PostAsJsonAsync("/api/v1/committees", new { code = "panel", name = "Panel" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await workflowAdmin.GetAsync("/api/v1/admin/email/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync("sneaky@example.edu", TestUsers.DefaultPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await workflowAdmin.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Role_changes_and_an_administrators_lock_end_every_session_of_the_user_at_once()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var (user, client) = await host.CreateSignedInUserAsync("promoted@example.edu", Roles.TechnologyManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/users")).StatusCode);

        var updated = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { Roles.TechnologyManager, Roles.SystemAdministrator } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode); // the token of the old roles has ended
        client = await host.SignInAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/users")).StatusCode); // signed in again: the new role
        // Saving the same roles again changes nothing and ends nothing.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}/roles", new { roles = new[] { Roles.SystemAdministrator, Roles.TechnologyManager } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        var locked = await admin.PostAsync($"/api/v1/users/{user.Id}/lock", null);
        Assert.True((await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(user.Email, user.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{user.Id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task The_last_system_administrator_cannot_lock_out_or_demote_the_last_one()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me");
        var id = me.GetProperty("id").GetString();

        Assert.True((await Errors(await admin.PutAsJsonAsync($"/api/v1/users/{id}/roles", new { roles = new[] { Roles.Inventor } }))).TryGetProperty("roles", out _));
        Assert.True((await Errors(await admin.PostAsync($"/api/v1/users/{id}/lock", null))).TryGetProperty("id", out _));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_resets_a_password_and_the_old_one_stops_working()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var user = await host.CreateUserAsync("forgetful@example.edu", Roles.Inventor);

        Assert.True((await Errors(await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/password", new { newPassword = "abc" }))).TryGetProperty("newPassword", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/password", new { newPassword = "Brand-New-Passw0rd!" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, "Brand-New-Passw0rd!")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_changes_a_users_email_and_they_sign_in_with_the_new_one()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();
        var user = await host.CreateUserAsync("old-name@example.edu", Roles.Inventor);
        var other = await host.CreateUserAsync("taken@example.edu", Roles.Inventor);

        Assert.True((await Errors(await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}", new { email = other.Email }))).TryGetProperty("email", out _));
        var changed = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}", new { email = "new-name@example.edu", displayName = "New Name" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("new-name@example.edu", (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(user.Email, user.Password)).StatusCode);
        var client = await host.SignInAsync("new-name@example.edu", user.Password);
        Assert.Equal(user.Id, (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetString());
    }
}
