using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Identity;
using WorkflowHost.Notifications;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

public sealed class MeApiTests
{
    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task The_language_and_digest_a_user_chooses_are_what_the_notification_directory_reads(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();
        var (user, client) = await host.CreateSignedInUserAsync("li@example.edu", Roles.TechnologyManager);
        var directory = host.Services.GetRequiredService<IUserDirectory>();
        var before = await directory.FindAsync(user.Id, default);
        Assert.Equal(("en", false), (before!.Language, before.Digest));

        var saved = await client.PutAsJsonAsync("/api/v1/me", new { displayName = "李老师", language = "zh-cn", digest = "daily" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("zh-CN", view.GetProperty("language").GetString());
        Assert.Equal("daily", view.GetProperty("digest").GetString());

        var contact = await directory.FindAsync(user.Id, default);
        Assert.Equal(new UserContact(user.Id, "李老师", "li@example.edu", "zh-CN", Digest: true), contact);
        Assert.Equal(contact, await directory.FindAsync("LI@example.edu", default)); // an assignee written as an address
        Assert.Contains(contact, await directory.MembersOfAsync(Roles.TechnologyManager, default));
    }

    [Fact]
    public async Task A_bad_language_or_digest_is_refused_naming_the_field_and_changes_nothing()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var (_, client) = await host.CreateSignedInUserAsync("pat@example.edu", Roles.Inventor);

        var bad = await client.PutAsJsonAsync("/api/v1/me", new { language = "de", digest = "hourly", displayName = "Pat" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("language", out _));
        Assert.True(errors.TryGetProperty("digest", out _));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("en", me.GetProperty("language").GetString());
        Assert.Equal("pat", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Changing_my_password_needs_the_current_one_and_a_strong_new_one()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var (user, client) = await host.CreateSignedInUserAsync("sam@example.edu", Roles.Inventor);

        var wrong = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "Not-The-Passw0rd!", newPassword = "Another-Passw0rd!" });
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        var weak = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "weak" });
        Assert.True((await weak.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newPassword", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "Another-Passw0rd!" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, "Another-Passw0rd!")).StatusCode);
    }

    [Fact]
    public async Task A_confirmation_that_differs_from_the_new_password_is_refused_naming_it_and_changes_nothing()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var (user, client) = await host.CreateSignedInUserAsync("kim@example.edu", Roles.Inventor);

        var differs = await client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = user.Password, newPassword = "Another-Passw0rd!", confirmPassword = "Another-Passw0rd?" });
        Assert.Equal(HttpStatusCode.BadRequest, differs.StatusCode);
        var errors = (await differs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("confirmPassword", out var message), errors.ToString());
        Assert.Contains("differs", message[0].GetString());
        var blank = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "Another-Passw0rd!", confirmPassword = "" });
        Assert.True((await blank.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("confirmPassword", out _));
        // Nothing changed: the old password still signs in.
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, user.Password)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = user.Password, newPassword = "Another-Passw0rd!", confirmPassword = "Another-Passw0rd!" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, "Another-Passw0rd!")).StatusCode);
    }
}
