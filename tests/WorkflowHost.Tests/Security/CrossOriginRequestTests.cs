using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using WorkflowHost.Tests.Api;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Security;

/// <summary>
/// The attacks of a page on a sibling sub-domain (same site, so SameSite=Lax sends the cookie) against a signed-in
/// browser, over the real HTTP stack: each state change the review reproduced (a claim, a submit, an instance cancel, an
/// upload, an administrator's lock and unlock of a user, the sign-out form) and the Blazor circuit. With
/// <c>Origin: http://evil.localhost</c> (or <c>Sec-Fetch-Site: same-site</c>) and the cookie, each is refused (403) and
/// changes nothing, even with the custom header; with the cookie and no proof at all, an API call is refused too; the
/// same request from the site's own origin with the proof succeeds. Bearer calls need no proof.
/// </summary>
public sealed class CrossOriginRequestTests(CrossOriginRequestTests.Browsers browsers) : IClassFixture<CrossOriginRequestTests.Browsers>
{
    private const string Evil = "http://evil.localhost";
    private const string Own = "http://localhost"; // the test server's own origin

    /// <summary>How a request proves (or fails to prove) that it comes from the site's own page.</summary>
    public enum Proof { None, EvilOrigin, SiblingSiteFetchMetadata, OwnOrigin }

    /// <summary>One host with the tour's people, and browsers (cookie jars) signed in with the sign-in cookie.</summary>
    public sealed class Browsers : IAsyncLifetime
    {
        public DomainApiHost Api { get; private set; } = null!;
        public HttpClient Alice { get; private set; } = null!;
        public HttpClient Manager { get; private set; } = null!;
        public HttpClient Admin { get; private set; } = null!;
        public HttpClient Bob { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Api = await StartAsync(DatabaseProvider.Sqlite);
            Alice = await CookieBrowserAsync("alice@example.edu", TestUsers.DefaultPassword);
            Manager = await CookieBrowserAsync("manager@example.edu", TestUsers.DefaultPassword);
            Admin = await CookieBrowserAsync(TestUsers.AdminEmail, TestUsers.AdminPassword);
            Bob = await CookieBrowserAsync("bob@example.edu", TestUsers.DefaultPassword);
        }

        /// <summary>Each browser's cookie jar.</summary>
        public Dictionary<HttpClient, CookieContainer> Jars { get; } = [];

        /// <summary>A client that keeps cookies like a browser (and follows no redirect), signed in through the web UI's cookie sign-in.</summary>
        public async Task<HttpClient> CookieBrowserAsync(string email, string password)
        {
            var jar = new CookieContainer();
            var browser = Api.Host.CreateDefaultClient(new CookieContainerHandler(jar));
            Jars[browser] = jar;
            var login = await browser.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            return browser;
        }

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    private DomainApiHost Api => browsers.Api;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient browser, HttpMethod method, string path, Proof proof, Func<HttpContent?>? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body?.Invoke() };
        switch (proof)
        {
            case Proof.EvilOrigin:
                request.Headers.Add("Origin", Evil);
                request.Headers.Add("X-Requested-With", "WorkflowHost"); // a header does not make another origin ours
                break;
            case Proof.SiblingSiteFetchMetadata:
                request.Headers.Add("Sec-Fetch-Site", "same-site");
                request.Headers.Add("X-Requested-With", "WorkflowHost");
                break;
            case Proof.OwnOrigin:
                request.Headers.Add("Origin", Own);
                request.Headers.Add("X-Requested-With", "WorkflowHost");
                break;
        }
        return await browser.SendAsync(request);
    }

    /// <summary>The three refused variants answer 403 naming why; <paramref name="unchanged"/> holds after each.</summary>
    private static async Task AssertRefusedAsync(HttpClient browser, HttpMethod method, string path, Func<Task> unchanged, Func<HttpContent?>? body = null)
    {
        foreach (var (proof, code) in new[]
                 {
                     (Proof.EvilOrigin, "cross-origin-request"), (Proof.SiblingSiteFetchMetadata, "cross-origin-request"),
                     (Proof.None, "same-origin-proof-missing"),
                 })
        {
            using var response = await SendAsync(browser, method, path, proof, body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{proof}: {method} {path} answered {(int)response.StatusCode} {text}");
            Assert.Equal(code, JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
            await unchanged();
        }
    }

    private static async Task AssertDoneAsync(HttpClient browser, HttpMethod method, string path, HttpStatusCode expected, Func<HttpContent?>? body = null)
    {
        using var response = await SendAsync(browser, method, path, Proof.OwnOrigin, body);
        Assert.True(response.StatusCode == expected, $"{method} {path} from the own origin answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_claim_from_a_sibling_sub_domain_is_refused_and_the_same_claim_from_the_site_succeeds()
    {
        var id = await Api.SubmitInventionAsync();
        var taskId = (await Api.InventionAsync(id)).GetProperty("openSteps").EnumerateArray()
            .First(t => t.GetProperty("elementId").GetString() == "Task_Screen").GetProperty("taskId").GetGuid();
        async Task<string?> Assignee() => (await OkAsync(Api.Manager, HttpMethod.Get, $"/api/v1/tasks/{taskId}")).GetProperty("task").GetProperty("assignee").GetString();

        await AssertRefusedAsync(browsers.Manager, HttpMethod.Post, $"/api/v1/tasks/{taskId}/claim", async () => Assert.Null(await Assignee()));
        await AssertDoneAsync(browsers.Manager, HttpMethod.Post, $"/api/v1/tasks/{taskId}/claim", HttpStatusCode.NoContent);
        Assert.NotNull(await Assignee());
    }

    [Fact]
    public async Task A_submit_from_a_sibling_sub_domain_is_refused_and_the_draft_stays_a_draft()
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Api.Draft("Submit attack"))).GetProperty("id").GetGuid();
        async Task<string?> Status() => (await OkAsync(Api.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}")).GetProperty("invention").GetProperty("status").GetString();

        await AssertRefusedAsync(browsers.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/submit", async () => Assert.Equal("draft", await Status()));
        await AssertDoneAsync(browsers.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/submit", HttpStatusCode.OK);
        Assert.Equal("submitted", await Status());
    }

    [Fact]
    public async Task An_upload_from_a_sibling_sub_domain_is_refused_and_stores_no_file()
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Api.Draft("Upload attack"))).GetProperty("id").GetGuid();
        async Task<int> Files() => (await OkAsync(Api.Alice, HttpMethod.Get, $"/api/v1/inventions/{id}/attachments")).GetArrayLength();
        HttpContent Upload() => TextFile("planted.txt", "text/plain", "planted by another site");

        await AssertRefusedAsync(browsers.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", async () => Assert.Equal(0, await Files()), Upload);
        await AssertDoneAsync(browsers.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/attachments", HttpStatusCode.Created, Upload);
        Assert.Equal(1, await Files());
    }

    [Fact]
    public async Task An_instance_cancel_from_a_sibling_sub_domain_is_refused_and_the_instance_runs_on()
    {
        var id = await Api.SubmitInventionAsync();
        var instance = (await OkAsync(Api.Admin, HttpMethod.Get, $"/api/v1/instances?processId=invention-transfer&businessKey={CaseNumber(await Api.InventionAsync(id))}"))
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        async Task<string?> Status() => (await OkAsync(Api.Admin, HttpMethod.Get, $"/api/v1/instances/{instance}")).GetProperty("status").GetString();
        var running = await Status();

        HttpContent Reason() => JsonContent.Create(new { reason = "Cancelled by whoever sent this." });

        await AssertRefusedAsync(browsers.Admin, HttpMethod.Post, $"/api/v1/instances/{instance}/cancel", async () => Assert.Equal(running, await Status()), Reason);
        await AssertDoneAsync(browsers.Admin, HttpMethod.Post, $"/api/v1/instances/{instance}/cancel", HttpStatusCode.NoContent, Reason);
        Assert.NotEqual(running, await Status());
    }

    [Fact]
    public async Task An_administrators_lock_and_unlock_from_a_sibling_sub_domain_are_refused_and_the_account_is_as_it_was()
    {
        var carol = (await OkAsync(Api.Admin, HttpMethod.Get, "/api/v1/users?search=carol")).EnumerateArray().Single().GetProperty("id").GetString();
        async Task<bool> Locked() => (await OkAsync(Api.Admin, HttpMethod.Get, $"/api/v1/users/{carol}")).GetProperty("locked").GetBoolean();

        await AssertRefusedAsync(browsers.Admin, HttpMethod.Post, $"/api/v1/users/{carol}/lock", async () => Assert.False(await Locked()));
        await AssertDoneAsync(browsers.Admin, HttpMethod.Post, $"/api/v1/users/{carol}/lock", HttpStatusCode.OK);
        Assert.True(await Locked());
        await AssertRefusedAsync(browsers.Admin, HttpMethod.Post, $"/api/v1/users/{carol}/unlock", async () => Assert.True(await Locked()));
        await AssertDoneAsync(browsers.Admin, HttpMethod.Post, $"/api/v1/users/{carol}/unlock", HttpStatusCode.OK);
        Assert.False(await Locked());
    }

    [Fact]
    public async Task The_sign_out_form_posted_from_a_sibling_sub_domain_is_refused_and_the_session_stays()
    {
        var browser = await browsers.CookieBrowserAsync("head@example.edu", TestUsers.DefaultPassword);
        // The page's sign-out form carries an antiforgery token (and its cookie is set by the page).
        var page = await (await browser.GetAsync("/")).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        HttpContent Form() => new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["returnUrl"] = "" });

        foreach (var proof in new[] { Proof.EvilOrigin, Proof.SiblingSiteFetchMetadata })
        {
            using var refused = await SendAsync(browser, HttpMethod.Post, "/account/logout", proof, Form);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        }
        using var done = await SendAsync(browser, HttpMethod.Post, "/account/logout", Proof.OwnOrigin, Form);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_blazor_circuit_refuses_a_sibling_sub_domain_and_accepts_the_site_itself()
    {
        // Negotiation and long polling.
        foreach (var proof in new[] { Proof.EvilOrigin, Proof.SiblingSiteFetchMetadata })
        {
            using var negotiate = await SendAsync(browsers.Bob, HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", proof);
            Assert.Equal(HttpStatusCode.Forbidden, negotiate.StatusCode);
            using var poll = await SendAsync(browsers.Bob, HttpMethod.Get, "/_blazor?id=stolen-connection-token", proof);
            Assert.Equal(HttpStatusCode.Forbidden, poll.StatusCode);
        }
        using var own = await SendAsync(browsers.Bob, HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1", Proof.OwnOrigin);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);

        // The WebSocket the circuit runs on (skipping negotiation), with the user's cookie.
        var cookie = browsers.Jars[browsers.Bob].GetCookieHeader(browsers.Api.Host.Server.BaseAddress);
        async Task<Exception?> ConnectAsync(string? origin)
        {
            var client = browsers.Api.Host.Server.CreateWebSocketClient();
            client.ConfigureRequest = request =>
            {
                request.Headers.Cookie = cookie;
                if (origin is not null) request.Headers.Origin = origin;
            };
            try
            {
                using var socket = await client.ConnectAsync(new Uri("ws://localhost/_blazor"), CancellationToken.None);
                return null;
            }
            catch (Exception e) when (e is InvalidOperationException or System.Net.WebSockets.WebSocketException)
            {
                return e;
            }
        }
        var refused = await ConnectAsync(Evil);
        Assert.NotNull(refused);
        Assert.Contains("403", refused.Message);
        Assert.Null(await ConnectAsync(Own));
    }

    [Fact]
    public async Task Bearer_calls_need_no_proof_of_origin()
    {
        var id = (await ExpectAsync(HttpStatusCode.Created, Api.Alice, HttpMethod.Post, "/api/v1/inventions", Api.Draft("Bearer client"))).GetProperty("id").GetGuid();
        await OkAsync(Api.Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/submit");
    }

    private static string CaseNumber(JsonElement detail) => detail.GetProperty("invention").GetProperty("caseNumber").GetString()!;
}
