using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Identity;
using WorkflowHost.Identity.Passwords;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

/// <summary>
/// Passwords that meet the character rules but are easy to guess are refused wherever a password is set: a new user,
/// an administrator's reset, my own change (doc/security.md, "Passwords"), in the caller's language.
/// </summary>
public sealed class PasswordPolicyTests
{
    private static async Task<string[]> PasswordErrorsAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        return errors.GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    [Fact]
    public async Task Common_breached_and_name_bearing_passwords_and_ones_over_128_characters_are_refused_wherever_a_password_is_set()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var chinese = await host.CreateUserWithPasswordAsync("zh-office@example.edu", TestUsers.DefaultPassword, "zh-CN", Roles.SystemAdministrator);
        using var zh = await host.SignInAsync(chinese.Email, chinese.Password);
        using var en = await host.SignInAsAdminAsync();

        // A new user: the two passwords of the security review, and others of their kind, in Chinese first.
        foreach (var common in new[] { "Password123!", "Qwerty123456!", "P@ssw0rd2024!", "Woaini1314520!", "1qaz2WSX3edc!" })
        {
            var messages = await PasswordErrorsAsync(await zh.PostAsJsonAsync("/api/v1/users", new { email = "new.user@example.edu", password = common }), "password");
            Assert.True(messages.Contains("这是常见密码或已在数据泄露中出现过的密码，很容易被猜中，请换一个。"), $"{common}: {string.Join(" ", messages)}");
        }
        Assert.Contains("This password is common or has appeared in a data breach, so it is easy to guess: choose another.",
            await PasswordErrorsAsync(await en.PostAsJsonAsync("/api/v1/users", new { email = "new.user@example.edu", password = "Password123!" }), "password"));
        Assert.Contains("密码不能包含电子邮箱地址中 @ 前面的名称。",
            await PasswordErrorsAsync(await zh.PostAsJsonAsync("/api/v1/users", new { email = "zhang.wei@example.edu", password = "Zhang-Lab-Key-2026" }), "password"));
        Assert.Contains("密码不能超过 128 个字符。",
            await PasswordErrorsAsync(await zh.PostAsJsonAsync("/api/v1/users", new { email = "new.user@example.edu", password = "Aa1!" + new string('x', 125) }), "password"));
        Assert.Equal(0, (await en.GetFromJsonAsync<JsonElement>("/api/v1/users?search=new.user")).GetArrayLength());
        // 128 characters of a strong password are fine.
        Assert.Equal(HttpStatusCode.Created, (await en.PostAsJsonAsync("/api/v1/users",
            new { email = "long.phrase@example.edu", password = string.Concat(Enumerable.Repeat("Kx7#", 31)) + "Lm9!", roles = new[] { Roles.Inventor } })).StatusCode);

        // An administrator's reset and my own change refuse them too.
        var user = await host.CreateUserAsync("li.na@example.edu", Roles.Inventor);
        Assert.NotEmpty(await PasswordErrorsAsync(await en.PostAsJsonAsync($"/api/v1/users/{user.Id}/password", new { newPassword = "Qwerty123456!" }), "newPassword"));
        using var li = await host.SignInAsync(user.Email, user.Password);
        Assert.NotEmpty(await PasswordErrorsAsync(await li.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "Password123!" }), "newPassword"));
        Assert.NotEmpty(await PasswordErrorsAsync(await li.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "Li.Na-Garden-2026" }), "newPassword"));
        Assert.NotEmpty(await PasswordErrorsAsync(await li.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = user.Password }), "newPassword"));
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, user.Password)).StatusCode); // nothing changed
    }

    [Fact]
    public async Task A_configured_first_administrator_password_that_is_common_stops_start_up()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var error = Assert.ThrowsAny<Exception>(() => installation.Start(new Dictionary<string, string> { ["Bootstrap:AdminPassword"] = "Password123!" }));
        Assert.Contains("common", error.ToString());
    }

    [Fact]
    public void The_list_holds_over_100000_passwords_and_finds_them_behind_capitals_digits_symbols_and_look_alikes()
    {
        var list = new CommonPasswords();
        Assert.True(list.Count >= 100_000, $"{list.Count} entries");
        foreach (var common in new[] { "Password123!", "Qwerty123456!", "P@ssw0rd2024!", "!!Sunshine2024", "woaini1314", "Iloveyou1314!", "5201314" })
            Assert.True(list.Contains(common), common);
        foreach (var fine in new[] { TestUsers.DefaultPassword, TestUsers.AdminPassword, "Correct-Horse-Battery-9", "Abc-8472-Zyx-9!", "橙子-Lab-2026-光谱" })
            Assert.False(list.Contains(fine), fine);
    }
}
