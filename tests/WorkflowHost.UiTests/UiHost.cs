using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The real host (the built WorkflowHost.dll, Kestrel on a free 127.0.0.1 port, SQLite in a temp folder, a first
/// administrator from configuration) and Debian's Chromium driven by Playwright. One per test class; every class is in
/// the <see cref="UiCollection"/> so that only one host and one browser run at a time on the two CI cores.
/// Windows that last days in real life last seconds here (configuration, as in doc/api-tour.md), and one vote makes
/// a committee's quorum, so that a journey fits in a test.
/// </summary>
public class UiHost : IAsyncLifetime
{
    /// <summary>Names of a sibling sub-domain pair that Chromium resolves to this host (127.0.0.1): app.example.test, evil.example.test.</summary>
    public const string SiteDomain = "example.test";

    /// <summary>The password of every user the tests create.</summary>
    public const string UserPassword = "Ui-tests-User-2026";

    public const string AdminEmail = "admin@ui-tests.example.org";
    public const string AdminPassword = "Ui-tests-Admin-2026";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "wf-ui-" + Guid.NewGuid().ToString("N"));
    private Process? _host;
    private readonly StringBuilder _log = new();
    private ITestOutputHelper? _output;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    /// <summary>The host's data folder (its SQLite file is <c>workflows.db</c> there), for set-up a test cannot do through the API.</summary>
    public string DataPath => _data;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; } = new();

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
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        var project = Path.Combine(RepositoryRoot, "src", "WorkflowHost");
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "WorkflowHost.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl.TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataPath"] = _data;
        start.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["TechTransfer__Pricing__NoticeWindow"] = "00:00:30";
        start.Environment["TechTransfer__Pricing__ListingWindow"] = "00:00:20";
        start.Environment["TechTransfer__Pricing__AuctionWindow"] = "00:00:20";
        start.Environment["TechTransfer__Committee__Quorum"] = "1";
        foreach (var (key, value) in ExtraEnvironment) start.Environment[key] = value;
        _host = Process.Start(start)!;
        _host.OutputDataReceived += (_, e) => Record(e.Data);
        _host.ErrorDataReceived += (_, e) => Record(e.Data);
        _host.BeginOutputReadLine();
        _host.BeginErrorReadLine();
        Http.BaseAddress = new Uri(BaseUrl);
        var deadline = DateTime.UtcNow.AddMinutes(3); // generous: the suite runs on two loaded cores
        while (true)
        {
            if (_host.HasExited) throw new InvalidOperationException("The host exited:\n" + Log);
            try
            {
                if ((await Http.GetAsync("health")).StatusCode == HttpStatusCode.OK) break;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The host did not become healthy:\n" + Log);
            await Task.Delay(250);
        }
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

    /// <summary>Settings a fixture of its own adds to the host's environment (trial mode, say).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraEnvironment { get; } = new Dictionary<string, string>();

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
    /// Types <paramref name="search"/> into a MudAutocomplete and picks the option showing <paramref name="option"/>,
    /// then waits until <paramref name="expectPicked"/> (given the time to wait, in ms) sees the choice made. The list
    /// re-renders as each search answers, and a click on a list being replaced is lost: then it types and picks again,
    /// as a person would.
    /// </summary>
    public static async Task PickAsync(IPage page, ILocator input, string search, string option, Func<float, Task> expectPicked)
    {
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First;
        for (var attempt = 1; ; attempt++)
        {
            if (!await item.IsVisibleAsync())
            {
                await input.ClickAsync();
                await input.FillAsync(search);
            }
            await item.ClickAsync();
            try
            {
                await expectPicked(attempt < 3 ? 5_000 : 30_000);
                return;
            }
            catch (PlaywrightException) when (attempt < 3) { }
        }
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
        if (_host is { HasExited: false })
        {
            _host.Kill(entireProcessTree: true);
            await _host.WaitForExitAsync();
        }
        Http.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } // SQLite may hold the file a moment longer
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
