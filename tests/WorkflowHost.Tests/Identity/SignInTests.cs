using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Identity;
using Workflows.Persistence;

namespace WorkflowHost.Tests.Identity;

public sealed class SignInTests
{
    public static TheoryData<DatabaseProvider> Providers => AccountsHost.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Five_failed_sign_ins_lock_the_account_for_clients_it_does_not_know_even_with_the_right_password(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start();
        var user = await host.CreateUserAsync("mallory-target@example.edu", Roles.Inventor);

        var wrong = "";
        for (var i = 0; i < 5; i++)
        {
            var failed = await host.LoginAsync(user.Email, "Wrong-Passw0rd!" + i);
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
            wrong = await failed.AnswerAsync();
        }
        var locked = await host.LoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(wrong, await locked.AnswerAsync()); // "Failed", as for a wrong password: the lock tells an attacker nothing

        // The administrator sees the lockout and lifts it.
        var admin = await host.SignInAsAdminAsync();
        var view = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/users/{user.Id}");
        Assert.True(view.GetProperty("locked").GetBoolean());
        var until = view.GetProperty("lockedUntil").GetDateTimeOffset();
        Assert.InRange(until, host.Clock.GetUtcNow().AddMinutes(14), host.Clock.GetUtcNow().AddMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{user.Id}/unlock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task A_lockout_ends_when_the_hosts_clock_passes_its_fifteen_minutes()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var user = await host.CreateUserAsync("lockout-ends@example.edu", Roles.Inventor);
        for (var i = 0; i < 5; i++) await host.LoginAsync(user.Email, "Wrong-Passw0rd!" + i);

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await host.LoginAsync(user.Email, user.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, stillLocked.StatusCode);
        // One answer for every failed sign-in (doc/security.md): the lockout is not revealed, the right password still fails.
        var wrong = await host.LoginAsync(user.Email, "Wrong-Passw0rd!9");
        static async Task<string> Said(HttpResponseMessage r)
        {
            var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
            return problem.GetProperty("title").GetString() + " | " + problem.GetProperty("detail").GetString();
        }
        Assert.Equal(await Said(wrong), await Said(stillLocked));
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, user.Password)).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_expires_when_the_hosts_clock_passes_its_hour()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var admin = await host.SignInAsAdminAsync();

        host.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task Registration_by_a_stranger_is_refused_and_creates_nobody()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var stranger = host.CreateClient();

        // Not offered, so not mapped (every spelling of it: ClosedAuthEndpointsTests).
        var register = await stranger.PostAsJsonAsync("/api/v1/auth/register", new { email = "stranger@example.com", password = "Stranger-Passw0rd!" });
        Assert.True(register.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)register.StatusCode}");
        Assert.Equal("application/problem+json", register.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.LoginAsync("stranger@example.com", "Stranger-Passw0rd!")).StatusCode);
        var users = await (await host.SignInAsAdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/users?search=stranger");
        Assert.Equal(0, users.GetArrayLength());
        // The email-link flows are not offered either.
        var forgot = await stranger.PostAsJsonAsync("/api/v1/auth/forgotPassword", new { email = TestUsers.AdminEmail });
        Assert.True(forgot.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)forgot.StatusCode}");
    }

    [Fact]
    public async Task Requests_without_credentials_get_401_not_a_redirect()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        (string Method, string Path)[] endpoints =
        [
            ("GET", "/api/v1/me"), ("PUT", "/api/v1/me"), ("GET", "/api/v1/users"), ("POST", "/api/v1/users"), ("GET", "/api/v1/committees"),
            ("POST", "/api/v1/committees"), ("GET", "/api/v1/admin/email/templates"), ("GET", "/api/v1/admin/email/messages/dead"),
            ("POST", "/api/v1/admin/email/messages/x/retry"), ("GET", "/api/v1/auth/manage/info"),
        ];
        foreach (var bearer in new[] { null, "not-a-token" })
        {
            var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            foreach (var (method, path) in endpoints)
            {
                var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = method is "POST" or "PUT" ? JsonContent.Create(new { }) : null,
                });
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {bearer ?? "nothing"}: {(int)response.StatusCode}");
                Assert.Null(response.Headers.Location);
            }
        }
    }

    [Fact]
    public async Task A_cookie_from_sign_in_works_for_the_api_like_a_bearer_token()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var browser = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

        var login = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = TestUsers.AdminEmail, password = TestUsers.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("workflowhost.auth=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(TestUsers.AdminEmail, me.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_refresh_token_gives_a_new_access_token()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var host = installation.Start();
        var login = await (await host.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).Content.ReadFromJsonAsync<JsonElement>();
        var refreshed = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_token_issued_before_a_restart_still_works_because_the_keys_live_in_the_database(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var first = installation.Start();
        var token = (await (await first.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("accessToken").GetString();
        using (var scope = first.Services.CreateScope())
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<AccountsDbContext>().DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        await first.DisposeAsync();

        var second = installation.Start();
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}
