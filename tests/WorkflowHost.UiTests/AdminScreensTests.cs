using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>The system administrator's screens in Chromium: users and roles, committees, locks, the dashboard.</summary>
[Collection(UiCollection.Name)]
public sealed class AdminScreensTests : IClassFixture<UiHost>
{
    private readonly UiHost host;

    public AdminScreensTests(UiHost host, ITestOutputHelper output)
    {
        this.host = host.For(output);
    }

    private static async Task Ok(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
    /// <summary>An address no other test (or run) uses.</summary>
    internal static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..8]}@ui-tests.example.org";

    internal static async Task CreateUserInBrowserAsync(IPage page, string email, string name, string language, string[] roles, string? typedPassword)
    {
        await page.Locator("[data-testid=user-create]").ClickAsync();
        await UiHost.Input(page, "create-user-email").FillAsync(email);
        await UiHost.Input(page, "create-user-name").FillAsync(name);
        await UiHost.SetAsync(UiHost.Input(page, $"create-user-language-{language}"), true);
        foreach (var role in roles) await UiHost.SetAsync(UiHost.Input(page, $"create-user-role-{role}"), true);
        if (typedPassword is not null)
        {
            await UiHost.SetAsync(UiHost.Input(page, "create-user-password-type"), true);
            await UiHost.Input(page, "create-user-password").FillAsync(typedPassword);
        }
        await page.Locator("[data-testid=create-user-submit]").ClickAsync();
    }

    [Fact]
    public async Task Administrator_creates_three_users_with_roles_in_the_browser()
    {
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await page.Locator("[data-testid=nav-admin-users]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Users and roles");

        // The inventor gets a generated password, shown once.
        var inventor = Unique("inventor");
        await CreateUserInBrowserAsync(page, inventor, "Li Inventor", "zh-CN", ["inventor"], typedPassword: null);
        var shown = UiHost.Input(page, "create-user-created-password");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var generated = await shown.InputValueAsync();
        Assert.True(generated.Length >= 16, "a generated password is shown");
        await UiHost.ScreenshotAsync(page, "admin-user-created-en");
        await page.Locator("[data-testid=create-user-done]").ClickAsync();

        // The manager and the chair get typed passwords.
        var manager = Unique("manager");
        await CreateUserInBrowserAsync(page, manager, "Wang Manager", "en", ["technology-manager"], UiHost.UserPassword);
        var chair = Unique("chair");
        await CreateUserInBrowserAsync(page, chair, "Zhao Chair", "zh-CN", ["committee-member", "committee-chair"], UiHost.UserPassword);

        var list = page.Locator("[data-testid=user-list]");
        await Assertions.Expect(list.Locator("tr", new() { HasText = inventor })).ToContainTextAsync("Inventor");
        await Assertions.Expect(list.Locator("tr", new() { HasText = manager })).ToContainTextAsync("Technology manager");
        await Assertions.Expect(list.Locator("tr", new() { HasText = chair })).ToContainTextAsync("Committee chair");
        await UiHost.ScreenshotAsync(page, "admin-users-en");

        // A bad email is refused with the field named; nothing is created.
        await page.Locator("[data-testid=user-create]").ClickAsync();
        await UiHost.Input(page, "create-user-email").FillAsync("not-an-email");
        await page.Locator("[data-testid=create-user-submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("email", new() { IgnoreCase = true });
        await page.Locator("[data-testid=create-user-cancel]").ClickAsync();

        // The last active system administrator keeps their role: the refusal is shown. (Other tests of this class add
        // administrators; they are locked meanwhile, and locked ones do not count as active.)
        using (var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword))
        {
            var others = (await api.GetFromJsonAsync<JsonArray>("api/v1/users?pageSize=500"))!
                .Where(u => u!["email"]!.GetValue<string>() != UiHost.AdminEmail && !u["locked"]!.GetValue<bool>()
                            && u["roles"]!.AsArray().Any(r => r!.GetValue<string>() == "system-administrator"))
                .Select(u => u!["id"]!.GetValue<string>()).ToList();
            foreach (var id in others) (await api.PostAsync($"api/v1/users/{id}/lock", null)).EnsureSuccessStatusCode();
            await page.Locator($"[data-testid='user-edit-{UiHost.AdminEmail}']").ClickAsync();
            await UiHost.SetAsync(UiHost.Input(page, "edit-user-role-system-administrator"), false);
            await page.Locator("[data-testid=edit-user-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=edit-user-errors]")).ToContainTextAsync("only active system administrator");
            await UiHost.ScreenshotAsync(page, "admin-last-administrator-refused-en");
            await page.Locator("[data-testid=edit-user-cancel]").ClickAsync();
            foreach (var id in others) (await api.PostAsync($"api/v1/users/{id}/unlock", null)).EnsureSuccessStatusCode();
        }

        // The inventor signs in with the generated password, in the language chosen for them.
        var inventorPage = await host.SignInAsync(inventor, generated);
        await Assertions.Expect(inventorPage.Locator("h1")).ToHaveTextAsync("欢迎");
        Assert.Equal(0, await inventorPage.Locator("[data-testid=nav-admin]").CountAsync());

        // The manager signs in too, and the administration pages refuse them.
        var managerPage = await host.SignInAsync(manager, UiHost.UserPassword);
        await Assertions.Expect(managerPage.Locator("h1")).ToHaveTextAsync("Welcome");
        await managerPage.GotoAsync("admin/users");
        await Assertions.Expect(managerPage).ToHaveURLAsync(new Regex("account/access-denied"));
        await Assertions.Expect(managerPage.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        await Assertions.Expect(managerPage.Locator("body")).Not.ToContainTextAsync(inventor);

        // The same page in Chinese, for a Chinese-speaking administrator.
        var zh = await ChineseAdministratorAsync();
        await host.GotoAsync(zh, "admin/users");
        await Assertions.Expect(zh.Locator("h1")).ToHaveTextAsync("用户与角色");
        await Assertions.Expect(zh.Locator("[data-testid=user-list]").Locator("tr", new() { HasText = chair })).ToContainTextAsync("主任委员");
        await UiHost.ScreenshotAsync(zh, "admin-users-zh-CN");
        await zh.Locator("[data-testid=user-create]").ClickAsync();
        await Assertions.Expect(UiHost.Input(zh, "create-user-email")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(zh, "admin-user-create-zh-CN");
    }

    [Fact]
    public async Task Administrator_seats_a_committee_with_a_chair()
    {
        var first = Unique("member");
        var second = Unique("member");
        var firstId = await host.CreateUserAsync(first, "Chen Member", "en", "committee-member");
        var secondId = await host.CreateUserAsync(second, "Sun Member", "en", "committee-member");
        const string code = "ui-admin-panel";

        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "admin/committees");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Committees");
        await UiHost.Input(page, "committee-new-code").FillAsync(code);
        await UiHost.Input(page, "committee-new-name").FillAsync("UI test panel");
        await page.Locator("[data-testid=committee-create]").ClickAsync();
        var card = page.Locator($"[data-testid='committee-{code}']");
        await Assertions.Expect(card).ToContainTextAsync("UI test panel");

        // Two members through the user picker; the second takes the chair as they join.
        await AddMemberAsync(page, code, first, asChair: false);
        await AddMemberAsync(page, code, second, asChair: true);
        await Assertions.Expect(page.Locator($"[data-testid='committee-member-{code}-{second}']")).ToContainTextAsync("Chair");

        // Then the first member is made chair: one chair, the other stays a member.
        await page.Locator($"[data-testid='committee-make-chair-{code}-{first}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='committee-member-{code}-{first}']")).ToContainTextAsync("Chair");
        await Assertions.Expect(page.Locator($"[data-testid='committee-chair-{code}']")).ToHaveCountAsync(1);
        await UiHost.ScreenshotAsync(page, "admin-committees-en");

        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var committee = await api.GetFromJsonAsync<JsonObject>($"api/v1/committees/{code}");
        var members = committee!["members"]!.AsArray();
        Assert.Equal(2, members.Count);
        Assert.True(members.Single(m => m!["userId"]!.GetValue<string>() == firstId)!["isChair"]!.GetValue<bool>());
        Assert.False(members.Single(m => m!["userId"]!.GetValue<string>() == secondId)!["isChair"]!.GetValue<bool>());

        // Removing a member.
        await page.Locator($"[data-testid='committee-remove-{code}-{second}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='committee-member-{code}-{second}']")).ToHaveCountAsync(0);

        var zh = await ChineseAdministratorAsync();
        await host.GotoAsync(zh, "admin/committees");
        await Assertions.Expect(zh.Locator("h1")).ToHaveTextAsync("科技成果转化专家委员会");
        await Assertions.Expect(zh.Locator($"[data-testid='committee-{code}']")).ToContainTextAsync("主任委员");
        await UiHost.ScreenshotAsync(zh, "admin-committees-zh-CN");
    }

    internal static async Task AddMemberAsync(IPage page, string code, string email, bool asChair)
    {
        var picked = page.Locator($"[data-testid='committee-picked-{code}']");
        await UiHost.PickAsync(page, UiHost.Input(page, $"committee-pick-{code}"), email, email);
        await Assertions.Expect(picked).ToHaveTextAsync(email);
        if (asChair) await UiHost.SetAsync(UiHost.Input(page, $"committee-as-chair-{code}"), true);
        await page.Locator($"[data-testid='committee-add-{code}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='committee-member-{code}-{email}']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_user_locked_by_the_administrator_cannot_sign_in_until_unlocked()
    {
        var email = Unique("locked");
        await host.CreateUserAsync(email, "Zhou Locked", "en", "inventor");
        var page = await UsersPageFoundAsync(email);
        await page.Locator($"[data-testid='user-lock-{email}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='user-state-{email}']")).ToContainTextAsync("Locked");
        await UiHost.ScreenshotAsync(page, "admin-user-locked-en");

        var refused = await TrySignInAsync(email, UiHost.UserPassword);
        await Assertions.Expect(refused.Locator("[data-testid=login-error]")).ToBeVisibleAsync();

        await page.Locator($"[data-testid='user-unlock-{email}']").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='user-state-{email}']")).ToContainTextAsync("Active");
        var admitted = await host.SignInAsync(email, UiHost.UserPassword);
        await Assertions.Expect(admitted.Locator("h1")).ToHaveTextAsync("Welcome");
    }

    [Fact]
    public async Task Administrator_renames_a_user_and_resets_their_password_which_then_signs_in()
    {
        var email = Unique("reset");
        await host.CreateUserAsync(email, "Wu Forgetful", "en", "inventor");
        var page = await UsersPageFoundAsync(email);
        var row = page.Locator("[data-testid=user-list] tbody tr", new() { HasText = email });

        await page.Locator($"[data-testid='user-edit-{email}']").ClickAsync();
        await UiHost.Input(page, "edit-user-name").FillAsync("Wu Remembered");
        await page.Locator("[data-testid=edit-user-save]").ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Wu Remembered");

        await page.Locator($"[data-testid='user-password-{email}']").ClickAsync();
        await page.Locator("[data-testid=password-submit]").ClickAsync();
        var shown = UiHost.Input(page, "password-shown");
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var password = await shown.InputValueAsync();
        await page.Locator("[data-testid=password-done]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=password-dialog]")).ToHaveCountAsync(0);

        // The old password no longer opens the account; the shown one does.
        var refused = await TrySignInAsync(email, UiHost.UserPassword);
        await Assertions.Expect(refused.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        var admitted = await host.SignInAsync(email, password);
        await Assertions.Expect(admitted.Locator("h1")).ToHaveTextAsync("Welcome");
    }

    [Fact]
    public async Task Dashboard_charts_a_started_invention_and_retries_a_dead_letter()
    {
        // An inventor files and submits a disclosure (set-up through the API): invention-transfer starts.
        var inventorEmail = Unique("dash-inventor");
        var inventorId = await host.CreateUserAsync(inventorEmail, "Qian Inventor", "en", "inventor");
        using var inventor = await host.ApiAsAsync(inventorEmail, UiHost.UserPassword);
        var created = await inventor.PostAsJsonAsync("api/v1/inventions", new
        {
            title = "Dashboard test invention", field = "Materials", @abstract = "A coating.", priorArt = "Paints.", intendedUses = "Hulls.",
            inventors = new[] { new { userId = inventorId, name = "Qian Inventor", share = 100m } },
        });
        await Ok(created, "creating the invention");
        var inventionId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await Ok(await inventor.PostAsync($"api/v1/inventions/{inventionId}/submit", null), "submitting it");
        var status = (await inventor.GetFromJsonAsync<JsonObject>($"api/v1/inventions/{inventionId}"))!["invention"]!["status"]!.GetValue<string>();

        // A dead letter, written as the delivery job leaves one (as the host's email tests do).
        var deadId = Guid.NewGuid().ToString();
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(host.DataPath, "workflows.db")}"))
        {
            await db.OpenAsync();
            var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO email_messages (id, idempotency_key, kind, to_address, language, subject, text_body, html_body, status, attempts, next_attempt_at, last_error, created_at)
                VALUES ($id, $key, 'task-assigned', 'gone@ui-tests.example.org', 'en', 'New task: screen the disclosure', 'x', 'x', 2, 8, 0, 'mailbox unavailable', $at)
                """;
            insert.Parameters.AddWithValue("$id", deadId);
            insert.Parameters.AddWithValue("$key", "ui-dead-" + deadId);
            insert.Parameters.AddWithValue("$at", host.Clock.GetUtcNow().UtcTicks);
            await insert.ExecuteNonQueryAsync();
        }
        SqliteConnection.ClearAllPools();

        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await page.Locator("[data-testid=nav-admin-dashboard]").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Administration dashboard");
        await Assertions.Expect(page.Locator("[data-testid=dashboard-per-stage] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"[data-testid='per-stage-{status}']")).ToContainTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=dashboard-durations] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=duration-disclosure]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=dashboard-hangfire]")).ToHaveAttributeAsync("href", "/hangfire");
        var dead = page.Locator($"[data-testid='dead-{deadId}']");
        await Assertions.Expect(dead).ToContainTextAsync("mailbox unavailable");
        await UiHost.ScreenshotAsync(page, "admin-dashboard-en");

        await page.Locator($"[data-testid='dead-retry-{deadId}']").ClickAsync();
        await Assertions.Expect(dead).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=outbox-dead-count]")).ToContainTextAsync("0");

        var zh = await ChineseAdministratorAsync();
        await host.GotoAsync(zh, "admin");
        await Assertions.Expect(zh.Locator("h1")).ToHaveTextAsync("统计看板");
        await Assertions.Expect(zh.Locator("[data-testid=dashboard-per-stage]")).ToContainTextAsync("各阶段发明数量");
        await UiHost.ScreenshotAsync(zh, "admin-dashboard-zh-CN");
    }

    [Fact]
    public async Task Dashboard_lists_an_incident_and_retries_it()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ui-incident.bpmn"));
        await Ok(await api.PostAsync("api/v1/definitions", new StringContent(bpmn, System.Text.Encoding.UTF8, "application/xml")), "publishing");
        await Ok(await api.PostAsJsonAsync("api/v1/instances", new { processId = "ui-incident", businessKey = "TT-UI-INCIDENT" }), "starting");
        var incidents = (await api.GetFromJsonAsync<JsonArray>("api/v1/incidents"))!;
        var incidentId = incidents.Last()!["id"]!.GetValue<string>();

        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "admin");
        var row = page.Locator($"[data-testid='incident-{incidentId}']");
        await Assertions.Expect(row).ToContainTextAsync("Task_Check");
        // By its case number, not an instance id.
        await Assertions.Expect(row.Locator("[data-testid=incident-case]")).ToHaveTextAsync("TT-UI-INCIDENT");
        await UiHost.ScreenshotAsync(page, "admin-dashboard-incident-en");

        // Retried at the failed activity; it fails again (the cause is not fixed), so a new incident replaces this one.
        await page.Locator($"[data-testid='incident-retry-{incidentId}']").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("failed again");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        var resolved = await api.GetFromJsonAsync<JsonObject>($"api/v1/incidents/{incidentId}");
        Assert.Equal(UiHost.AdminEmail, await NameOf(api, resolved!["resolvedBy"]!.GetValue<string>()));
        Assert.Equal(incidents.Count, (await api.GetFromJsonAsync<JsonArray>("api/v1/incidents"))!.Count);
    }

    private static async Task<string> NameOf(HttpClient api, string userId) =>
        (await api.GetFromJsonAsync<JsonObject>($"api/v1/users/{userId}"))!["email"]!.GetValue<string>();

    /// <summary>The users page, as the first administrator, searched down to the one user with this email.</summary>
    private async Task<IPage> UsersPageFoundAsync(string email)
    {
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "admin/users");
        await UiHost.Input(page, "user-search").FillAsync(email);
        await UiHost.Input(page, "user-search").PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=user-list] tbody tr")).ToHaveCountAsync(1);
        return page;
    }

    /// <summary>A second system administrator who reads Chinese (for the zh-CN screenshots), signed in.</summary>
    private async Task<IPage> ChineseAdministratorAsync()
    {
        var email = Unique("admin-zh");
        await host.CreateUserAsync(email, "系统管理员", "zh-CN", "system-administrator");
        return await host.SignInAsync(email, UiHost.UserPassword);
    }

    /// <summary>The sign-in page in a fresh context, submitted; for a sign-in that is expected to fail.</summary>
    private async Task<IPage> TrySignInAsync(string email, string password)
    {
        var context = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("account/login", RegexOptions.IgnoreCase));
        return page;
    }
}
