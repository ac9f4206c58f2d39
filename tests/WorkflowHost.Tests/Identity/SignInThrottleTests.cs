using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowHost.Identity;
using WorkflowHost.Tests.Email;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Identity;

/// <summary>
/// Rate limits, one answer for every failed sign-in, and a lockout an attacker cannot turn against the account's owner
/// (doc/security.md, "Sign-in" and "Rate limits"). Windows pass on a clock the tests move.
/// </summary>
public sealed class SignInThrottleTests
{
    private const string Victim = "victim@example.edu";

    private static (HostFactory Host, FakeTimeProvider Clock) Start(AccountsHost installation, Dictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        // Standing still until the test moves it: the windows and the seconds the answers name are exact.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = installation.Start(settings, s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            TestClientAddress.Register(s);
            services?.Invoke(s);
        });
        return (host, clock);
    }

    private static async Task AssertTooManyAsync(HttpResponseMessage response, int maxSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("too-many-requests", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        var retryAfter = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, maxSeconds);
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_past_its_limit_get_429_on_the_api_and_the_page_until_the_window_passes()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, clock) = Start(installation, new()
        {
            ["RateLimits:SignInPerAddress:PermitLimit"] = "3", ["RateLimits:SignInPerAddress:Window"] = "00:01:00",
        });
        var attacker = host.From("203.0.113.7", cookies: true);
        for (var i = 0; i < 3; i++) // a password spray: a different account each time
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync($"someone{i}@example.edu", "Spray-Passw0rd!1")).StatusCode);
        await AssertTooManyAsync(await attacker.LoginAsync("someone9@example.edu", "Spray-Passw0rd!1"), 60);
        // The sign-in page counts against the same budget, and says so on the page.
        var page = await attacker.LoginPageAsync("someone10@example.edu", "Spray-Passw0rd!1");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains("登录尝试过于频繁，请 60 秒后再试。", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync())); // Chinese unless the browser asks otherwise

        // Another address has its own budget; the attacker's comes back when the window has passed.
        Assert.Equal(HttpStatusCode.OK, (await host.From("198.51.100.20").LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync("someone11@example.edu", "Spray-Passw0rd!1")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_attempts_on_one_account_past_its_limit_get_429_from_any_address_known_account_or_not()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, clock) = Start(installation, new()
        {
            ["RateLimits:SignInPerAccount:PermitLimit"] = "4", ["RateLimits:SignInPerAccount:Window"] = "00:15:00",
            ["Identity:Lockout:MaxFailedAccessAttempts"] = "100", // this test is about the rate limit alone
        });
        var victim = await host.CreateUserAsync(Victim, Roles.Inventor);
        foreach (var account in new[] { Victim, "nobody-here@example.edu" })
        {
            for (var i = 0; i < 4; i++) // a botnet: every attempt from another address
                Assert.Equal(HttpStatusCode.Unauthorized, (await host.From($"192.0.2.{i + 1}").LoginAsync(account, "Guess-Passw0rd!" + i)).StatusCode);
            await AssertTooManyAsync(await host.From("192.0.2.99").LoginAsync(account, "Guess-Passw0rd!9"), 15 * 60);
        }
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await host.From("192.0.2.100").LoginAsync(victim.Email, victim.Password)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_account_a_lockout_and_an_administrators_lock_get_the_same_answer()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, _) = Start(installation);
        var victim = await host.CreateUserAsync(Victim, Roles.Inventor);
        var locked = await host.CreateUserAsync("locked@example.edu", Roles.Inventor);
        var admin = await host.SignInAsAdminAsync();
        (await admin.PostAsync($"/api/v1/users/{locked.Id}/lock", null)).EnsureSuccessStatusCode();

        var wrong = await (await host.From("203.0.113.1").LoginAsync(victim.Email, "Wrong-Passw0rd!1")).AnswerAsync();
        var unknown = await (await host.From("203.0.113.2").LoginAsync("nobody-here@example.edu", "Wrong-Passw0rd!1")).AnswerAsync();
        for (var i = 0; i < 4; i++) await host.From("203.0.113.3").LoginAsync(victim.Email, "Wrong-Passw0rd!" + i); // five failures in all
        var lockedOut = await (await host.From("203.0.113.4").LoginAsync(victim.Email, victim.Password)).AnswerAsync();
        var lockedByAdministrator = await (await host.From("203.0.113.5").LoginAsync(locked.Email, locked.Password)).AnswerAsync();

        Assert.StartsWith("401 application/problem+json", wrong);
        Assert.EndsWith(" Failed", wrong);
        Assert.Equal(wrong, unknown);
        Assert.Equal(wrong, lockedOut);
        Assert.Equal(wrong, lockedByAdministrator);
    }

    [Fact]
    public async Task Every_sign_in_attempt_costs_one_password_hash_whether_the_account_exists_or_not()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var counter = new HashCounter();
        var (host, _) = Start(installation, services: s =>
        {
            s.AddSingleton(counter);
            s.AddScoped<IPasswordHasher<ApplicationUser>, CountingHasher>();
        });
        var victim = await host.CreateUserAsync(Victim, Roles.Inventor);

        async Task<int> HashesOf(string email, string password)
        {
            var before = counter.Verifications;
            await host.From("203.0.113.9").LoginAsync(email, password);
            return counter.Verifications - before;
        }
        Assert.Equal(1, await HashesOf(victim.Email, "Wrong-Passw0rd!1"));
        Assert.Equal(1, await HashesOf("nobody-here@example.edu", "Wrong-Passw0rd!1"));
        Assert.Equal(1, await HashesOf("", "Wrong-Passw0rd!1"));
        for (var i = 0; i < 4; i++) await HashesOf(victim.Email, "Wrong-Passw0rd!" + i);
        Assert.Equal(1, await HashesOf(victim.Email, victim.Password)); // locked out now: still checked, still one hash
    }

    [Theory, MemberData(nameof(AccountsHost.Providers), MemberType = typeof(AccountsHost))]
    public async Task An_attackers_failures_lock_out_unknown_clients_but_not_the_owner_on_a_client_that_signed_in_before(DatabaseProvider provider)
    {
        await using var installation = await AccountsHost.CreateAsync(provider);
        var (host, clock) = Start(installation);
        var victim = await host.CreateUserAsync(Victim, Roles.Inventor);
        var mallory = await host.CreateUserAsync("mallory@example.edu", Roles.Inventor);
        var owner = host.From("198.51.100.1", cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await owner.LoginAsync(victim.Email, victim.Password)).StatusCode); // the owner's browser, on Monday

        // Mallory signs in to her own account (her browser is recognised for it, not for the victim's), then guesses.
        var attacker = host.From("203.0.113.66", cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await attacker.LoginAsync(mallory.Email, mallory.Password)).StatusCode);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync(victim.Email, "Guess-Passw0rd!" + i)).StatusCode);
        // Locked for clients the account does not recognise, the right password included...
        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.LoginAsync(victim.Email, victim.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.From("198.51.100.2").LoginAsync(victim.Email, victim.Password)).StatusCode);
        // ...but the owner's browser is recognised: the right password lets them in, on the API and on the page.
        Assert.Equal(HttpStatusCode.OK, (await owner.LoginAsync(victim.Email, victim.Password)).StatusCode);
        var page = await owner.LoginPageAsync(victim.Email, victim.Password);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode); // signed in: on to the home page
        Assert.Equal("/", page.Headers.Location?.AbsolutePath);

        // The lockout ends by itself.
        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await host.From("198.51.100.2").LoginAsync(victim.Email, victim.Password)).StatusCode);
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_locked_out_by_an_attacker()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, _) = Start(installation, new()
        {
            // The shipped per-account limit and lockout; addresses are many (a botnet), so the per-address limit never bites.
            ["RateLimits:SignInPerAccount:PermitLimit"] = "10", ["RateLimits:SignInPerAccount:Window"] = "00:15:00",
        });
        var browser = host.From("198.51.100.1", cookies: true);
        Assert.Equal(HttpStatusCode.OK, (await browser.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).StatusCode);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
            answers.Add((await host.From($"203.0.113.{i + 1}").LoginAsync(TestUsers.AdminEmail, "Guess-Passw0rd!" + i)).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, answers); // the attacker is slowed to a crawl and locks the account for strangers

        var again = await browser.LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (access, _) = await again.TokensAsync();
        var admin = host.From("198.51.100.1");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/users")).StatusCode);
    }

    [Fact]
    public async Task Refreshes_past_the_limits_get_429()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, clock) = Start(installation, new()
        {
            ["RateLimits:RefreshPerAddress:PermitLimit"] = "2", ["RateLimits:RefreshPerAccount:PermitLimit"] = "3",
        });
        var (_, refresh) = await (await host.From("198.51.100.1").LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).TokensAsync();
        var client = host.From("198.51.100.1");
        for (var i = 0; i < 2; i++)
            (_, refresh) = await (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).TokensAsync();
        await AssertTooManyAsync(await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }), 60);
        // From elsewhere the address limit is fresh, but the account has one refresh left this minute.
        (_, refresh) = await (await host.From("198.51.100.2").PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).TokensAsync();
        await AssertTooManyAsync(await host.From("198.51.100.3").PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }), 60);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_past_the_limit_get_429_while_signed_in_ones_and_static_files_go_on()
    {
        await using var installation = await AccountsHost.CreateAsync(DatabaseProvider.Sqlite);
        var (host, clock) = Start(installation, new() { ["RateLimits:Anonymous:PermitLimit"] = "5" });
        var (access, _) = await (await host.From("198.51.100.1").LoginAsync(TestUsers.AdminEmail, TestUsers.AdminPassword)).TokensAsync(); // 1
        var stranger = host.From("198.51.100.1");
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/account/login")).StatusCode); // 2..5
        await AssertTooManyAsync(await stranger.GetAsync("/account/login"), 60);
        await AssertTooManyAsync(await stranger.GetAsync("/openapi/v1.json"), 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await stranger.PostAsJsonAsync("/api/v1/auth/login", new { email = "a@example.edu", password = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/css/app.css")).StatusCode);

        var signedIn = host.From("198.51.100.1");
        signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/me")).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public void The_shipped_limits_are_the_documented_ones()
    {
        var limits = new WorkflowHost.Security.RateLimiting.RateLimitOptions();
        Assert.Equal("300 per 00:01:00", limits.Anonymous.ToString());
        Assert.Equal("30 per 00:01:00", limits.SignInPerAddress.ToString());
        Assert.Equal("10 per 00:15:00", limits.SignInPerAccount.ToString());
        Assert.Equal("60 per 00:01:00", limits.RefreshPerAddress.ToString());
        Assert.Equal("30 per 00:01:00", limits.RefreshPerAccount.ToString());
        Assert.Equal("5 per 01:00:00", limits.PublicObjectionsPerAddress.ToString());
    }

    public sealed class HashCounter
    {
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public void Count() => Interlocked.Increment(ref _verifications);
    }

    /// <summary>Identity's hasher, counting the password checks it does.</summary>
    public sealed class CountingHasher(HashCounter counter, IOptions<PasswordHasherOptions> options) : PasswordHasher<ApplicationUser>(options)
    {
        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
