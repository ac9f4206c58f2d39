using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkflowHost.Identity;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

public sealed class BootstrapAdministratorTests
{
    public static TheoryData<DatabaseProvider> Providers => AccountsHost.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task The_administrator_from_configuration_signs_in_as_a_system_administrator(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();

        var admin = await host.SignInAsAdminAsync();
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(TestUsers.AdminEmail, me.GetProperty("email").GetString());
        Assert.Equal([Roles.SystemAdministrator], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Without_configuration_a_random_password_is_printed_once_and_not_on_the_second_start(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var none = new Dictionary<string, string> { ["Bootstrap:AdminEmail"] = "", ["Bootstrap:AdminPassword"] = "" };
        var firstLogs = new CapturedLogs();
        var first = installation.Start(none, s => s.AddSingleton<ILoggerProvider>(firstLogs));

        var printed = Assert.Single(firstLogs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("First administrator created"));
        var match = Regex.Match(printed.Message, "created: (?<email>\\S+) with password (?<password>\\S+) ");
        Assert.Equal(BootstrapOptions.DefaultAdminEmail, match.Groups["email"].Value);
        var password = match.Groups["password"].Value;
        Assert.True(password.Length >= 20);
        var admin = await first.SignInAsync(BootstrapOptions.DefaultAdminEmail, password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
        await first.DisposeAsync();

        var secondLogs = new CapturedLogs();
        var second = installation.Start(none, s => s.AddSingleton<ILoggerProvider>(secondLogs));
        Assert.DoesNotContain(secondLogs.Entries, e => e.Message.Contains("First administrator") || e.Message.Contains(password));
        Assert.Equal(HttpStatusCode.OK, (await second.LoginAsync(BootstrapOptions.DefaultAdminEmail, password)).StatusCode);
        var users = await (await second.SignInAsync(BootstrapOptions.DefaultAdminEmail, password)).GetFromJsonAsync<JsonElement>("/api/v1/users");
        Assert.Equal(1, users.GetArrayLength());
    }

    [Fact]
    public async Task A_weak_configured_password_stops_start_up_with_the_reason()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var error = Assert.ThrowsAny<Exception>(() => installation.Start(new Dictionary<string, string> { ["Bootstrap:AdminPassword"] = "short" }));
        var all = error.ToString();
        Assert.Contains("Bootstrap:AdminPassword", all);
        Assert.DoesNotContain("'short'", all);
    }

    [Fact]
    public void Generated_passwords_meet_the_rules_and_differ()
    {
        var a = PasswordGenerator.Generate();
        var b = PasswordGenerator.Generate();
        Assert.NotEqual(a, b);
        Assert.Equal(24, a.Length);
        Assert.Contains(a, char.IsLower);
        Assert.Contains(a, char.IsUpper);
        Assert.Contains(a, char.IsDigit);
        Assert.Contains(a, c => !char.IsLetterOrDigit(c));
    }
}
