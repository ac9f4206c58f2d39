using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
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

    [Fact]
    public async Task The_first_administrator_speaks_the_installations_default_language()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start(new Dictionary<string, string> { ["Bootstrap:AdminLanguage"] = "" });

        var me = await (await host.SignInAsAdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("zh-CN", me.GetProperty("language").GetString());
        Assert.Equal("系统管理员", me.GetProperty("displayName").GetString());
    }

    /// <summary>A host without a configured administrator; what it prints for the operator goes to <paramref name="console"/>.</summary>
    private static HostFactory StartUnconfigured(AccountsHost installation, StringWriter console, CapturedLogs logs, Action<IServiceCollection>? services = null) =>
        installation.Start(new Dictionary<string, string> { ["Bootstrap:AdminEmail"] = "", ["Bootstrap:AdminPassword"] = "" }, s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddSingleton(new OperatorConsole(console));
            services?.Invoke(s);
        });

    private static string PrintedPassword(string console)
    {
        var match = Regex.Match(console, "First administrator created: (?<email>\\S+) with password (?<password>\\S+) ");
        Assert.True(match.Success, console);
        Assert.Equal(BootstrapOptions.DefaultAdminEmail, match.Groups["email"].Value);
        return match.Groups["password"].Value;
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Without_configuration_a_random_password_is_printed_once_to_the_console_never_logged_and_not_on_the_second_start(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var (console, logs) = (new StringWriter(), new CapturedLogs());
        var first = StartUnconfigured(installation, console, logs);

        var password = PrintedPassword(console.ToString());
        Assert.True(password.Length >= 20);
        Assert.Single(Regex.Matches(console.ToString(), Regex.Escape(password)));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(password));
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("First administrator admin@localhost created with a generated password"));
        Assert.Equal(HttpStatusCode.OK, (await first.LoginAsync(BootstrapOptions.DefaultAdminEmail, password)).StatusCode);
        await first.DisposeAsync();

        var (secondConsole, secondLogs) = (new StringWriter(), new CapturedLogs());
        var second = StartUnconfigured(installation, secondConsole, secondLogs);
        Assert.Equal("", secondConsole.ToString());
        Assert.DoesNotContain(secondLogs.Entries, e => e.Message.Contains("First administrator") || e.Message.Contains(password));
        Assert.Equal(HttpStatusCode.OK, (await second.LoginAsync(BootstrapOptions.DefaultAdminEmail, password)).StatusCode);
    }

    [Fact]
    public async Task The_first_administrator_chooses_a_new_password_before_anything_else()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var console = new StringWriter();
        var host = StartUnconfigured(installation, console, new CapturedLogs());
        var password = PrintedPassword(console.ToString());
        var admin = await host.SignInAsync(BootstrapOptions.DefaultAdminEmail, password);

        // The API answers a clear problem for everything but reading my account and changing my password...
        var refused = await admin.GetAsync("/api/v1/users");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("password-change-required", problem.GetProperty("title").GetString());
        Assert.Contains("/api/v1/me/password", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/v1/committees", new { code = "panel", name = "Panel" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/me")).StatusCode);

        // ...and every page leads to the account page, where the password is changed.
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = BootstrapOptions.DefaultAdminEmail, password })).StatusCode);
        foreach (var page in new[] { "/", "/admin/users", "/tasks", "/hangfire" })
        {
            var shown = await browser.GetAsync(page);
            Assert.True(shown.StatusCode == HttpStatusCode.Redirect && shown.Headers.Location?.OriginalString == "/account", $"{page}: {(int)shown.StatusCode} {shown.Headers.Location}");
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/account")).StatusCode);

        // The same password again is no new password; a new one ends this session, and the next one has every right.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = password })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = password, newPassword = "Office-Chosen-Passw0rd!" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/me")).StatusCode);
        var chosen = await host.SignInAsync(BootstrapOptions.DefaultAdminEmail, "Office-Chosen-Passw0rd!");
        Assert.Equal(HttpStatusCode.OK, (await chosen.GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync(BootstrapOptions.DefaultAdminEmail, password)).StatusCode);
    }

    [Fact]
    public async Task The_generated_password_reaches_the_real_console_once_and_no_log_line()
    {
        var (data, _) = HostFactory.NewFolders();
        await using var host = new HostProcess(new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Storage:DataPath"] = data });
        await host.StartAsync();
        await host.KillAsync();

        var output = host.Output;
        var password = PrintedPassword(output);
        Assert.Single(Regex.Matches(output, Regex.Escape(password)));
        // The console logger's lines ("warn: ..." and the message under it) name the administrator, not the password.
        Assert.Contains("First administrator admin@localhost created with a generated password", output);
        var printed = output.Split('\n').Single(l => l.Contains(password));
        Assert.StartsWith("First administrator created:", printed.TrimStart());
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
