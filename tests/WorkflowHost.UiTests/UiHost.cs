using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Workflows.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The real host in this process (Program, on Kestrel at a free 127.0.0.1 port, SQLite in a temp folder, a first
/// administrator from configuration) and Debian's Chromium driven by Playwright. One per test class; every class is in
/// the <see cref="UiCollection"/> so that only one host and one browser run at a time on the two CI cores.
/// The host runs on <see cref="Clock"/>, which a test advances instead of waiting: a pricing window (seconds long here,
/// so that the sessions signed in before it stay valid) passes at once. One vote makes a committee's quorum, so that a
/// journey fits in a test.
/// </summary>
public class UiHost : IAsyncLifetime
{
    /// <summary>Names of a sibling sub-domain pair that Chromium resolves to this host (127.0.0.1): app.example.test, evil.example.test.</summary>
    public const string SiteDomain = "example.test";

    /// <summary>The password of every user the tests create.</summary>
    public const string UserPassword = "Ui-tests-User-2026";

    public const string AdminEmail = "admin@ui-tests.example.org";
    public const string AdminPassword = "Ui-tests-Chief-2026";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "wf-ui-" + Guid.NewGuid().ToString("N"));
    private UiHostFactory? _host;
    private readonly StringBuilder _log = new();
    private ITestOutputHelper? _output;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    /// <summary>The host's data folder (its SQLite file is <c>workflows.db</c> there), for set-up a test cannot do through the API.</summary>
    public string DataPath => _data;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; } = new();

    /// <summary>The host's clock (<see cref="TestClock"/>): it moves with the wall clock, and a test advances it.</summary>
    public TestClock Clock { get; } = TestClock.StartingNow();

    /// <summary>Where screenshots go (a test artifact): TestResults/screenshots under the repository root.</summary>
    public static string ScreenshotFolder => Path.Combine(RepositoryRoot, "TestResults", "screenshots");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return dir.FullName;
            throw new InvalidOperationException("WorkflowHost.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public async Task InitializeAsync()
    {
        // Never skipped: without the system Chromium these tests fail and say how to get it.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (apt-get install chromium fonts-wqy-microhei); the UI tests never download Playwright's own browser.");
        Directory.CreateDirectory(_data);
        var settings = new Dictionary<string, string>
        {
            ["Storage:DataPath"] = _data,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            // The administrator's screens are read in English here (an installation's first administrator gets its default, Chinese).
            ["Bootstrap:AdminLanguage"] = "en",
            ["TechTransfer:Pricing:NoticeWindow"] = NoticeWindow.ToString(),
            ["TechTransfer:Pricing:ListingWindow"] = ListingWindow.ToString(),
            ["TechTransfer:Pricing:AuctionWindow"] = AuctionWindow.ToString(),
            ["TechTransfer:Committee:Quorum"] = "1",
            // Open pages are signed out at once when their sessions end on this host (OpenCircuits); the periodic check, for
            // other hosts of a cluster, must not do it for them here, or a test of the immediate sign-out would pass without it.
            ["Sessions:CircuitRevalidationInterval"] = "01:00:00",
            // Every class signs the administrator in through the API again and again from 127.0.0.1 (doc/security.md: rate limits).
            ["RateLimits:Anonymous:PermitLimit"] = "1000000",
            ["RateLimits:SignInPerAddress:PermitLimit"] = "1000000",
            ["RateLimits:SignInPerAccount:PermitLimit"] = "1000000",
            ["RateLimits:RefreshPerAddress:PermitLimit"] = "1000000",
            ["RateLimits:RefreshPerAccount:PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        _host = new UiHostFactory(settings, Clock, Record);
        BaseUrl = _host.Start();
        Http.BaseAddress = new Uri(BaseUrl);
        await Eventually.HoldsAsync("the host healthy", async () => (await Http.GetAsync("health")).StatusCode == HttpStatusCode.OK,
            state: () => Task.FromResult(Log));
        // For every test class alike (it is process-wide): on two loaded cores a circuit round trip can take seconds.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--host-resolver-rules=MAP *.{SiteDomain} 127.0.0.1"],
        });
    }

    /// <summary>
    /// The pricing windows on this host: longer than a loaded machine takes between two steps of a test (the clock also
    /// runs with the wall clock), shorter than a session, so that sessions signed in before a window stay valid after
    /// the test passes it.
    /// </summary>
    public static readonly TimeSpan NoticeWindow = TimeSpan.FromMinutes(5), ListingWindow = TimeSpan.FromMinutes(5), AuctionWindow = TimeSpan.FromMinutes(5);

    /// <summary>Settings a fixture of its own adds to the host's (trial mode, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    /// <summary>Moves the host's clock past a window (or any deadline): the host acts on it at once, nobody waits it out.</summary>
    public void Pass(TimeSpan window) => Clock.Advance(window + TimeSpan.FromSeconds(1));

    /// <summary>Waits until <paramref name="api"/>'s user has the case's open task at this element (another one than <paramref name="not"/>); returns its id.</summary>
    public static Task<Guid> WaitForTaskAsync(HttpClient api, string caseNumber, string elementId, Guid? not = null, Func<Task<string>>? state = null) =>
        Eventually.ReturnsAsync($"an open {elementId} of {caseNumber}", async () =>
        {
            var tasks = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks?businessKey={Uri.EscapeDataString(caseNumber)}&elementId={elementId}");
            var task = tasks!["items"]!.AsArray().Select(t => t!["id"]!.GetValue<Guid>()).FirstOrDefault(t => t != not);
            return task == Guid.Empty ? (Guid?)null : task;
        }, state: state);

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>
    /// Sends what the host and the browser report from now on to the running test's output as well, which
    /// <c>dotnet test</c> prints under a failed test: the reason a click came to nothing is usually there.
    /// </summary>
    public UiHost For(ITestOutputHelper output)
    {
        lock (_log) _output = output;
        return this;
    }

    private void Record(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.AppendLine(line);
            try { _output?.WriteLine(line); }
            catch (InvalidOperationException) { _output = null; } // that test has ended
        }
    }

    /// <summary>
    /// A new browser context (its own cookies), signed in through the sign-in page (of <paramref name="baseUrl"/>, by
    /// default the host's own address). Its pages record every Content-Security-Policy violation, which
    /// <see cref="ScreenshotAsync"/> audits.
    /// </summary>
    public async Task<IPage> SignInAsync(string email, string password, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl ?? BaseUrl, ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "en-US" });
        context.SetDefaultTimeout(30_000);
        await context.AddInitScriptAsync(CspRecorder);
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") Record("[browser " + m.Type + "] " + m.Text); };
        page.Response += (_, r) => { if (r.Status >= 400) Record($"[browser response {r.Status}] {r.Url}"); };
        page.PageError += (_, e) => Record("[browser page error] " + e);
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>Pages are prerendered; a click before the circuit is up would be lost, so wait for the layout's mark.</summary>
    public static Task WaitInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>The input or textarea of a MudBlazor field: the test id sits on the wrapper or on the input itself.</summary>
    public static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>
    /// Types <paramref name="search"/> into a MudAutocomplete and picks the option showing <paramref name="option"/> once
    /// the list is the answer to that search (the option there and every item matching the search): the list re-renders as
    /// each search answers, and a click on a list that a later answer replaces would be lost.
    /// </summary>
    public static async Task PickAsync(IPage page, ILocator input, string search, string option)
    {
        await input.ClickAsync();
        await input.FillAsync(search);
        var items = page.Locator(".mud-popover-open .mud-list-item");
        var item = items.Filter(new() { HasText = option }).First;
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(items.Filter(new() { HasNotText = search })).ToHaveCountAsync(0);
        await item.ClickAsync();
    }

    /// <summary>
    /// Sets a MudBlazor check box or radio and waits until it shows the state (which follows the server's render). Its
    /// input is drawn invisible, so the click goes to its label, which Playwright clicks only once it is visible, still and
    /// not covered (a dialog that is still opening).
    /// </summary>
    public static async Task SetAsync(ILocator input, bool on)
    {
        if (await input.IsCheckedAsync() != on) await input.Locator("xpath=ancestor::label[1]").ClickAsync();
        await Assertions.Expect(input).ToBeCheckedAsync(new() { Checked = on });
    }

    public async Task GotoAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Collects the page's Content-Security-Policy violations in <c>window.__cspViolations</c> (added to every document).</summary>
    public const string CspRecorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    /// <summary>
    /// Saves a screenshot of the page (a test artifact) and audits the page as it is shown (<see cref="AxeAudit"/>), and
    /// fails when the page broke its Content-Security-Policy: what the policy blocked would be missing from the page.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
        await AxeAudit.AssertAccessibleAsync(page, name);
        var blocked = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
        Assert.True(blocked.Length == 0, $"{name}: the Content-Security-Policy blocked:\n{string.Join("\n", blocked)}");
    }

    /// <summary>A bearer token for the REST API (set-up only: users and instances the browser steps then work with).</summary>
    public async Task<HttpClient> ApiAsAsync(string email, string password)
    {
        var response = await Http.PostAsJsonAsync("api/v1/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a user through the REST API as the administrator (set-up); returns the new user's id.</summary>
    public async Task<string> CreateUserAsync(string email, string displayName, string language, params string[] roles)
    {
        using var api = await ApiAsAsync(AdminEmail, AdminPassword);
        var response = await api.PostAsJsonAsync("api/v1/users", new { email, password = UserPassword, displayName, language, digest = "immediate", roles });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Creates a committee with these members (set-up); the first one is its chair. Use a code of the test's own.</summary>
    public async Task CreateCommitteeAsync(string code, string name, params string[] memberIds)
    {
        using var api = await ApiAsAsync(AdminEmail, AdminPassword);
        (await api.PostAsJsonAsync("api/v1/committees", new { code, name })).EnsureSuccessStatusCode();
        for (var i = 0; i < memberIds.Length; i++)
            (await api.PostAsJsonAsync($"api/v1/committees/{code}/members", new { userId = memberIds[i], chair = i == 0 })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await File.WriteAllTextAsync(Path.Combine(ScreenshotFolder, "host-and-browser.log"), Log);
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        Http.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // SQLite may hold the file a moment longer
    }
}
