using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The dead ends, in Chromium: a case whose step failed in a called process is seen in the office's inbox and in the
/// inventor's file (in words, not the handler's English), and the workflow administrator repairs it on the operations page by
/// correcting the failed step's variables and retrying, then moving a token; the chair who waits for a silent member sees
/// who has not voted, records the absence and closes at once. Set-up goes through the REST API.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class DeadEndTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task A_failed_step_shows_on_the_inbox_and_the_file_and_is_repaired_on_the_operations_page()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string Email(string who) => $"{who}-{tag}@ui-tests.example.org";
        var inventorId = await host.CreateUserAsync(Email("inventor"), "Li Ming", "zh-CN", "inventor");
        await host.CreateUserAsync(Email("manager"), "Wang Fang", "en", "technology-manager");
        using var inventor = await host.ApiAsAsync(Email("inventor"), UiHost.UserPassword);
        var created = await CommitteeCase.Json(await inventor.PostAsJsonAsync("api/v1/inventions", new
        {
            title = "Low-loss silicon photonic waveguide", field = "Photonics", ipcClass = "G02B 6/12",
            @abstract = "A waveguide geometry that halves propagation loss at 1550 nm.", fiscallyFunded = false,
            priorArt = "Ridge waveguides.", intendedUses = "Optical transceivers.",
            inventors = new[] { new { userId = inventorId, name = "Li Ming", share = 100 } },
        }));
        var inventionId = created["id"]!.GetValue<string>();
        var caseNumber = created["caseNumber"]!.GetValue<string>();
        await CommitteeCase.Json(await inventor.PostAsync($"api/v1/inventions/{inventionId}/submit", null));

        using var admin = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var xml = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ui-repair-probe.bpmn"));
        await CommitteeCase.Json(await admin.PostAsync("api/v1/definitions", new StringContent(xml, Encoding.UTF8, "application/xml")));
        var parent = (await CommitteeCase.Json(await admin.PostAsJsonAsync("api/v1/instances", new { processId = "ui_repair_probe", businessKey = caseNumber })))["id"]!.GetValue<string>();
        var incidentId = "";
        var child = "";
        await CommitteeCase.WaitAsync("the incident", async () =>
        {
            var incidents = await admin.GetFromJsonAsync<JsonArray>($"api/v1/incidents?caseNumber={Uri.EscapeDataString(caseNumber)}");
            if (incidents is not [JsonObject first, ..]) return false;
            (incidentId, child) = (first["id"]!.GetValue<string>(), first["instanceId"]!.GetValue<string>());
            return true;
        });

        // The manager's inbox names the case and says what happened, in words.
        var manager = await host.SignInAsync(Email("manager"), UiHost.UserPassword);
        await host.GotoAsync(manager, "tasks");
        var held = manager.Locator($"[data-testid='inbox-incident-{incidentId}']");
        await Assertions.Expect(held).ToContainTextAsync(caseNumber);
        await Assertions.Expect(held).ToContainTextAsync("“Check the disclosure” stopped on an error");
        await UiHost.ScreenshotAsync(manager, "inbox-incident-en");

        // The inventor's file says it in Chinese, never the handler's English message.
        var inventorPage = await host.SignInAsync(Email("inventor"), UiHost.UserPassword);
        await host.GotoAsync(inventorPage, $"inventions/{inventionId}");
        var notice = inventorPage.Locator("[data-testid=invention-incident]");
        await Assertions.Expect(notice).ToContainTextAsync("“检查披露材料”一步处理出错");
        await Assertions.Expect(notice).ToContainTextAsync("原因：流程缺少“成果”。");
        await Assertions.Expect(notice).Not.ToContainTextAsync("tt.checkDisclosure");
        await UiHost.ScreenshotAsync(inventorPage, "file-incident-zh-CN");

        // The administrator sees the called process's failure on the calling process, corrects the variable and retries.
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, $"operations/instances/{parent}");
        // The probe was posted without diagram interchange: the page says so and stays usable (it used to lose its circuit).
        await Assertions.Expect(page.Locator("[data-testid=diagram-missing]").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Incidents") }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='incident-{incidentId}'] [data-testid=incident-called]")).ToBeVisibleAsync();
        await page.Locator($"[data-testid='incident-edit-{incidentId}']").ClickAsync();
        await UiHost.Input(page, "incident-variables").FillAsync("{ not json");
        await page.Locator("[data-testid=incident-retry-values]").ClickAsync();
        await Assertions.Expect(page.GetByText("Write the variables as one JSON object")).ToBeVisibleAsync();
        await UiHost.Input(page, "incident-variables").FillAsync($$"""{ "inventionId": "{{inventionId}}" }""");
        await UiHost.Input(page, "incident-reason").FillAsync("The called process was started without the case's id.");
        await UiHost.ScreenshotAsync(page, "operations-incident-edit");
        await page.Locator("[data-testid=incident-retry-values]").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='incident-{incidentId}']")).ToHaveCountAsync(0);

        // The step the retry reached is offered to the office, unclaimed: its page says before anyone acts that completing claims it.
        var look = (await admin.GetFromJsonAsync<JsonObject>($"api/v1/instances/{child}"))!["openTasks"]!.AsArray()
            .Single(t => t!["elementId"]!.GetValue<string>() == "Task_Look")!["id"]!.GetValue<string>();
        await host.GotoAsync(manager, $"tasks/{look}");
        await Assertions.Expect(manager.Locator("[data-testid=task-claim-on-complete]")).ToContainTextAsync("Completing it claims it for you");
        await UiHost.ScreenshotAsync(manager, "task-claim-on-complete-en");

        // Then moves the called process's token past its last task: the calling process goes on.
        await host.GotoAsync(page, $"operations/instances/{child}");
        await page.Locator("[data-testid=move-from]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "Task_Look" }).First.ClickAsync();
        await page.Locator("[data-testid=move-to]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "cEnd" }).First.ClickAsync();
        await UiHost.Input(page, "move-reason").FillAsync("Looked at on paper.");
        await page.Locator("[data-testid=move-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=instance-message]")).ToContainTextAsync("cEnd");
        await CommitteeCase.WaitAsync("the calling process at Task_Hold", async () =>
            (await admin.GetStringAsync($"api/v1/instances/{parent}")).Contains("Task_Hold"));

        // Both repairs are in the case's evidence.
        using var managerApi = await host.ApiAsAsync(Email("manager"), UiHost.UserPassword);
        await CommitteeCase.WaitAsync("the repairs in the evidence", async () =>
        {
            var evidence = await managerApi.GetStringAsync($"api/v1/inventions/{inventionId}/evidence");
            return evidence.Contains("workflow.incident-retried") && evidence.Contains("workflow.token-moved");
        });
    }

    [Fact]
    public async Task The_chair_sees_who_has_not_voted_records_an_absence_and_closes()
    {
        var c = await CommitteeCase.OpenAsync(host, "ui-room-absence", new JsonObject
        {
            ["pricingMethod"] = "listing", ["reviewSubject"] = "Exclusive licence by listing on the exchange",
            ["basePrice"] = 100000, ["valuation"] = 120000, ["valuationBasis"] = "Income approach, 5 years of royalties",
        });
        foreach (var email in new[] { c.ChairEmail, c.Member1Email })
        {
            using var member = await host.ApiAsAsync(email, UiHost.UserPassword);
            await CommitteeCase.Json(await member.PostAsJsonAsync($"api/v1/reviews/{c.ReviewId}/vote", new { vote = "approve", reason = "Sound file." }));
        }

        var chair = await host.SignInAsync(c.ChairEmail, UiHost.UserPassword);
        await host.GotoAsync(chair, $"reviews/{c.ReviewId}");
        await Assertions.Expect(chair.Locator("[data-testid=not-voted]")).ToContainTextAsync("Member Sun");
        await Assertions.Expect(chair.Locator($"[data-testid='not-voted-{c.Member1Id}']")).ToHaveCountAsync(0);
        await UiHost.Input(chair, "absence-note").FillAsync("Abroad; did not answer.");
        await UiHost.ScreenshotAsync(chair, "committee-room-not-voted-en");
        await chair.Locator($"[data-testid='record-absence-{c.Member2Id}']").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=absent]")).ToContainTextAsync("Member Sun");
        await Assertions.Expect(chair.Locator("[data-testid=not-voted]")).ToHaveCountAsync(0);

        // The absent member cannot vote any more, and the room says why.
        var member2 = await host.SignInAsync(c.Member2Email, UiHost.UserPassword);
        await host.GotoAsync(member2, $"reviews/{c.ReviewId}");
        await Assertions.Expect(member2.Locator("[data-testid=vote-disabled-reason]")).ToContainTextAsync("absent");

        // No waiting for the deadline: the close step opens now.
        using var chairApi = await host.ApiAsAsync(c.ChairEmail, UiHost.UserPassword);
        await CommitteeCase.WaitAsync("the chair's close step", async () =>
            (await chairApi.GetStringAsync($"api/v1/tasks?businessKey={Uri.EscapeDataString(c.CaseNumber)}")).Contains("Task_Close"));
        await host.GotoAsync(chair, $"reviews/{c.ReviewId}");
        await Assertions.Expect(chair.Locator("[data-testid=close-outstanding]")).ToHaveCountAsync(0);
        await UiHost.Input(chair, "close-minutes").FillAsync("Member Sun absent; two votes to approve.");
        foreach (var id in new[] { c.ChairId, c.Member1Id })
            await chair.Locator($"[data-testid='attendance-{id}']").ClickAsync();
        await chair.Locator("[data-testid=close-submit]").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=outcome]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(chair, "committee-room-absence-closed-en");
    }
}
