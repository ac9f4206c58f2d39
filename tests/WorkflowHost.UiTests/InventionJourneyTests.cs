using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WorkflowHost.UiTests;

/// <summary>
/// The "done when": one invention walked from disclosure to a filed licence entirely in the browser, by the
/// first administrator and three users the administrator creates (inventor, technology manager, committee chair).
/// The test host's windows last seconds and one vote makes the quorum (UiHost), as in the Development settings.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class InventionJourneyTests(UiHost host) : IClassFixture<UiHost>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task One_invention_goes_from_disclosure_to_a_recorded_licence_in_the_browser()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var aliceEmail = $"alice-{suffix}@journey.example.edu";
        var managerEmail = $"manager-{suffix}@journey.example.edu";
        var chairEmail = $"chair-{suffix}@journey.example.edu";
        var committee = $"journey-{suffix}";

        // TODO(journey): through the administrator's screens once merged.
        var aliceId = await host.CreateUserAsync(aliceEmail, "Alice Chen", "en", "inventor");
        await host.CreateUserAsync(managerEmail, "Wang Manager", "en", "technology-manager");
        var chairId = await host.CreateUserAsync(chairEmail, "Li Chair", "en", "committee-member", "committee-chair");
        await host.CreateCommitteeAsync(committee, "Journey committee", chairId);

        // TODO(journey): the inventor portal once merged.
        using var alice = await host.ApiAsAsync(aliceEmail, UiHost.UserPassword);
        var created = await (await alice.PostAsJsonAsync("api/v1/inventions", new
        {
            title = "Low-loss silicon photonic waveguide", field = "Photonics", ipcClass = "G02B 6/12",
            @abstract = "A waveguide geometry that halves propagation loss at 1550 nm.", fiscallyFunded = false,
            priorArt = "Ridge waveguides.", intendedUses = "Optical transceivers.",
            inventors = new[] { new { userId = aliceId, name = "Alice Chen", share = 100 } },
        })).Content.ReadFromJsonAsync<JsonObject>();
        var id = created!["id"]!.GetValue<string>();
        var caseNumber = created["caseNumber"]!.GetValue<string>();
        (await alice.PostAsync($"api/v1/inventions/{id}/submit", null)).EnsureSuccessStatusCode();

        // The technology manager screens, scores, files the application and prepares the transfer file, each from the inbox.
        var manager = await host.SignInAsync(managerEmail, UiHost.UserPassword);
        var form = await OpenTaskAsync(manager, caseNumber, "Task_Screen");
        await form.ChooseAsync("Accept: the disclosure is complete");
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, caseNumber, "Task_Score");
        await form.NumberAsync("Technical value", 5);
        await form.NumberAsync("Market prospects and demand", 4);
        await form.NumberAsync("Legal strength, patentability and layout", 4);
        await form.NumberAsync("Quality of the draft", 3);
        await form.NumberAsync("Strategic fit", 4);
        await form.SelectAsync("Outcome", "File");
        await form.TextAsync("Filing route (invention patent, utility model, PCT...)", "CN invention patent");
        await form.TextAsync("Reasons (required when not filing)", "Strong results.");
        await UiHost.ScreenshotAsync(manager, "journey-assessment-en");
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, caseNumber, "Task_Apply");
        await form.TextAsync("Application number", "CN202610123456.7");
        await form.DateAsync("Filing date", Today);
        await form.TextAsync("Patent number (if already granted)", "ZL202610123456.7");
        await form.DateAsync("Grant date (if granted)", Today);
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, caseNumber, "Task_Prepare");
        await form.SelectAsync("Pricing method (art. 18)", "Agreement");
        await form.TextAsync("What the committee is asked to approve", "Exclusive licence to Ningbo Optics by agreement");
        await form.TextAsync("Committee (empty: the default committee)", committee);
        await form.NumberAsync("Valuation (yuan)", 120000);
        await form.TextAsync("Valuation basis, or the recorded decision not to appraise", "Income approach, 5 years of royalties");
        await form.NumberAsync("Proposed price (agreement; yuan)", 120000);
        await form.TextAsync("Proposed counterparty (agreement)", "Ningbo Optics Ltd.");
        await form.TextAsync("Transfer method (assignment, licence, equity)", "licence");
        await CompleteAsync(manager);

        // TODO(journey): the committee room once merged.
        using var chairApi = await host.ApiAsAsync(chairEmail, UiHost.UserPassword);
        string? review = null;
        await Eventually(async () => (review = (await chairApi.GetFromJsonAsync<JsonArray>($"api/v1/inventions/{id}/reviews"))!.FirstOrDefault()?["id"]?.GetValue<string>()) is not null, "the review");
        await Eventually(async () => (await chairApi.PostAsJsonAsync($"api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Sound valuation." })).IsSuccessStatusCode, "the vote");
        await Eventually(async () => (await chairApi.PostAsJsonAsync($"api/v1/reviews/{review}/close", new { minutes = "Approved.", attendance = new[] { chairId } })).IsSuccessStatusCode, "the close");

        // The public notice runs its window (seconds here); then the manager signs the licence.
        form = await OpenTaskAsync(manager, caseNumber, "Task_Sign", TimeSpan.FromSeconds(120));
        await form.SelectAsync("Kind", "Exclusive licence");
        await form.TextAsync("Counterparty", "Ningbo Optics Ltd.");
        await form.NumberAsync("Consideration (yuan)", 120000);
        await form.DateAsync("Date the contract takes effect", Today);
        await form.DateAsync("Term start", Today);
        await form.DateAsync("Term end", Today.AddYears(5));
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, caseNumber, "Task_File");
        await form.DateAsync("Submitted on", Today);
        await form.TextAsync("Submission reference", "CNIPA-LR-2026-0042");
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, caseNumber, "Task_Decision");
        await form.ChooseAsync("Accepted / registered");
        await form.DateAsync("Decision (registration) date", Today);
        await CompleteAsync(manager);

        using var managerApi = await host.ApiAsAsync(managerEmail, UiHost.UserPassword);
        await Eventually(async () => (await managerApi.GetStringAsync($"api/v1/inventions/{id}/agreements")).Contains("Ningbo Optics"), "the agreement");
    }

    private static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Never came: " + what);
            await Task.Delay(500);
        }
    }

    /// <summary>Opens the case's task from the inbox (waiting for the process to get there) and waits for its form.</summary>
    private async Task<FormJs> OpenTaskAsync(IPage page, string caseNumber, string elementId, TimeSpan? wait = null)
    {
        var link = page.Locator($"[data-testid=task-link-{elementId}]");
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            await host.GotoAsync(page, "tasks?businessKey=" + Uri.EscapeDataString(caseNumber));
            if (await link.CountAsync() > 0) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{elementId} of {caseNumber} never reached the inbox.\n{await CaseStateAsync(caseNumber)}");
            await Task.Delay(1000);
        }
        await link.First.ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        var form = new FormJs(page);
        await form.WaitAsync();
        return form;
    }

    /// <summary>What the case waits for and the open incidents, for a failure message.</summary>
    private async Task<string> CaseStateAsync(string caseNumber)
    {
        using var admin = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var instances = await admin.GetStringAsync("api/v1/instances?businessKey=" + Uri.EscapeDataString(caseNumber));
        return instances + "\n" + await admin.GetStringAsync("api/v1/incidents");
    }

    private static async Task CompleteAsync(IPage page)
    {
        await page.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"), new() { Timeout = 30_000 });
    }
}
