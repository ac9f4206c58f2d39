using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkflowHost.Identity;
using WorkflowHost.Tests.Email;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Identity;

/// <summary>
/// Sessions end when they must (doc/security.md, "Sessions and tokens"): a sign-out, a password change or reset, a lock
/// and a role change end every cookie, bearer token and refresh token of the user at once; refresh tokens work once,
/// and a reused one ends its whole sign-in.
/// </summary>
public sealed class SessionEndTests
{
    /// <summary>Everything one user holds: a browser's cookie (and a thief's copy of it), a bearer token and its refresh token.</summary>
    private sealed record Sessions(HttpClient Browser, HttpClient Thief, HttpClient Bearer, string RefreshToken);

    /// <summary>A host, a user of it, and everything the user holds.</summary>
    private static async Task<(HostFactory Host, TestUser User, Sessions Sessions)> SignedInEverywhereAsync(AccountsHost installation, string email)
    {
        var host = installation.Start(services: TestClientAddress.Register);
        var user = await host.CreateUserAsync(email, Roles.Inventor);
        return (host, user, await OpenSessionsAsync(host, user));
    }

    private static async Task<Sessions> OpenSessionsAsync(HostFactory host, TestUser user)
    {
        var browser = host.From("198.51.100.1", cookies: true);
        var login = await browser.LoginAsync(user.Email, user.Password, useCookies: true);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("workflowhost.auth=", StringComparison.Ordinal)).Split(';')[0];
        var thief = host.From("203.0.113.13");
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        var (access, refresh) = await (await host.From("198.51.100.2").LoginAsync(user.Email, user.Password)).TokensAsync();
        var bearer = host.From("198.51.100.2");
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        foreach (var client in new[] { browser, thief, bearer }) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        return new Sessions(browser, thief, bearer, refresh);
    }

    private static async Task AssertAllEndedAsync(HostFactory host, Sessions sessions)
    {
        foreach (var (name, client) in new[] { ("cookie", sessions.Browser), ("copied cookie", sessions.Thief), ("bearer token", sessions.Bearer) })
            Assert.True((await client.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized, $"the {name} still works");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.From("198.51.100.3").PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = sessions.RefreshToken })).StatusCode);
    }

    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task A_password_reset_by_an_administrator_ends_every_session_of_the_user_at_once(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var (host, user, sessions) = await SignedInEverywhereAsync(installation, "stolen@example.edu");

        using var admin = await host.SignInAsAdminAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/password", new { newPassword = "Fresh-Start-Passw0rd!" })).StatusCode);
        await AssertAllEndedAsync(host, sessions);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, "Fresh-Start-Passw0rd!")).StatusCode);
    }

    [Fact]
    public async Task Changing_my_password_ends_every_session_of_mine_this_one_too()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, user, sessions) = await SignedInEverywhereAsync(installation, "careful@example.edu");

        Assert.Equal(HttpStatusCode.NoContent, (await sessions.Bearer.PostAsJsonAsync("/api/v1/me/password",
            new { currentPassword = user.Password, newPassword = "Fresh-Start-Passw0rd!" })).StatusCode);
        await AssertAllEndedAsync(host, sessions);

        // The same through Identity's manage/info shape; the address is an administrator's to change.
        var again = await host.SignInAsync(user.Email, "Fresh-Start-Passw0rd!");
        var email = await again.PostAsJsonAsync("/api/v1/auth/manage/info", new { newEmail = "elsewhere@example.edu" });
        Assert.Equal(HttpStatusCode.BadRequest, email.StatusCode);
        Assert.True((await email.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("newEmail", out _));
        var wrong = await again.PostAsJsonAsync("/api/v1/auth/manage/info", new { oldPassword = "Not-Mine-Passw0rd!", newPassword = "Second-Fresh-Passw0rd!" });
        Assert.True((await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("oldPassword", out _));
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("/api/v1/auth/manage/info",
            new { oldPassword = "Fresh-Start-Passw0rd!", newPassword = "Second-Fresh-Passw0rd!" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.GetAsync("/api/v1/auth/manage/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.LoginAsync(user.Email, "Second-Fresh-Passw0rd!")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_through_the_api_ends_every_session_a_copied_cookie_included()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, user, sessions) = await SignedInEverywhereAsync(installation, "leaving@example.edu");

        // As the host's own pages' scripts send it: an API change under the cookie carries the same-origin proof (doc/security.md).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/logout");
        request.Headers.Add(WorkflowHost.Security.RequestOriginCheck.ProofHeader, "fetch");
        var signOut = await sessions.Browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith("workflowhost.auth=;", StringComparison.Ordinal)); // the browser's is removed
        await AssertAllEndedAsync(host, sessions);
    }

    [Fact]
    public async Task Signing_out_on_the_page_ends_a_copied_cookie_too()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, user, sessions) = await SignedInEverywhereAsync(installation, "page-leaver@example.edu");

        // The account menu's sign-out form, posted with its antiforgery token as the browser does.
        var token = SignInAttempts.AntiforgeryTokenOf(await sessions.Browser.GetStringAsync("/"));
        var signOut = await sessions.Browser.PostAsync("/account/logout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "" }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        await AssertAllEndedAsync(host, sessions);
    }

    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task A_refresh_token_works_once_and_a_reused_one_ends_its_whole_sign_in(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var host = installation.Start(services: TestClientAddress.Register);
        var user = await host.CreateUserAsync("api-client@example.edu", Roles.Inventor);
        var (access1, refresh1) = await (await host.LoginAsync(user.Email, user.Password)).TokensAsync();
        var (otherAccess, _) = await (await host.LoginAsync(user.Email, user.Password)).TokensAsync(); // another sign-in of the same user

        var (access2, refresh2) = await (await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh1 })).TokensAsync();
        Assert.Equal(HttpStatusCode.OK, (await Bearer(host, access2).GetAsync("/api/v1/me")).StatusCode);

        // Someone replays the first refresh token (it was copied): refused, and the whole sign-in ends with it.
        var replay = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh1 });
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("used before", (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(host, access1).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(host, access2).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh2 })).StatusCode);
        // The user's other sign-in is another family: it goes on.
        Assert.Equal(HttpStatusCode.OK, (await Bearer(host, otherAccess).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Tokens_and_sign_ins_end_with_the_clock()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var clock = TestClock.StartingNow();
        var host = installation.Start(services: s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
        var (access, refresh) = await (await host.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).TokensAsync();
        clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(host, access).GetAsync("/api/v1/me")).StatusCode); // an access token lasts an hour

        // Refreshed every ten days the sign-in goes on, but not past its 30 days.
        for (var day = 0; day < 30; day += 10)
        {
            var refreshed = await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh });
            Assert.True(refreshed.StatusCode == HttpStatusCode.OK, $"refresh on day {day}: {(int)refreshed.StatusCode}");
            (access, refresh) = await refreshed.TokensAsync();
            clock.Advance(TimeSpan.FromDays(10));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).StatusCode);

        // A refresh token unused for 14 days has expired.
        (_, refresh) = await (await host.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).TokensAsync();
        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).StatusCode);
    }

    private static HttpClient Bearer(HostFactory host, string access)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return client;
    }
}
