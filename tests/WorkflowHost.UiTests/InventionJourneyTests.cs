using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The issue's "done when": one invention walked from disclosure to a filed licence entirely in the browser, by the
/// first administrator and three users the administrator creates (inventor, technology manager, committee chair).
/// One vote makes the quorum (UiHost), as in the Development settings; the notice's window passes when the test
/// advances the host's clock.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class InventionJourneyTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    private DateOnly Today => DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task One_invention_goes_from_disclosure_to_a_recorded_licence_in_the_browser()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var aliceEmail = $"alice-{suffix}@journey.example.edu";
        var managerEmail = $"manager-{suffix}@journey.example.edu";
        var chairEmail = $"chair-{suffix}@journey.example.edu";
        var committee = $"journey-{suffix}";

        // The first administrator creates the three users and seats the chair on a committee, in the browser.
        var admin = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await admin.Locator("[data-testid=nav-admin-users]").ClickAsync();
        await Assertions.Expect(admin.Locator("h1")).ToHaveTextAsync("Users and roles");
        await AdminScreensTests.CreateUserInBrowserAsync(admin, aliceEmail, "Alice Chen", "en", ["inventor"], UiHost.UserPassword);
        await AdminScreensTests.CreateUserInBrowserAsync(admin, managerEmail, "Wang Manager", "en", ["technology-manager"], UiHost.UserPassword);
        await AdminScreensTests.CreateUserInBrowserAsync(admin, chairEmail, "Li Chair", "en", ["committee-member", "committee-chair"], UiHost.UserPassword);
        await Assertions.Expect(admin.Locator("[data-testid=user-list] tr", new() { HasText = chairEmail })).ToContainTextAsync("Committee chair");
        await host.GotoAsync(admin, "admin/committees");
        await UiHost.Input(admin, "committee-new-code").FillAsync(committee);
        await UiHost.Input(admin, "committee-new-name").FillAsync("Journey committee");
        await admin.Locator("[data-testid=committee-create]").ClickAsync();
        await Assertions.Expect(admin.Locator($"[data-testid='committee-{committee}']")).ToContainTextAsync("Journey committee");
        await AdminScreensTests.AddMemberAsync(admin, committee, chairEmail, asChair: true);
        await UiHost.ScreenshotAsync(admin, "journey-committee-seated-en");
        using var adminApi = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var chairId = (await adminApi.GetFromJsonAsync<JsonArray>("api/v1/users?pageSize=500"))!
            .First(u => u!["email"]!.GetValue<string>() == chairEmail)!["id"]!.GetValue<string>(); // the attendance box is named by the id

        // Alice files the disclosure in the inventor portal, with a file attached, and submits it.
        var alicePage = await host.SignInAsync(aliceEmail, UiHost.UserPassword);
        await host.GotoAsync(alicePage, "inventions");
        await alicePage.Locator("[data-testid=invention-new]").ClickAsync();
        await Assertions.Expect(alicePage).ToHaveURLAsync(new Regex("/inventions/new$"));
        await InventorPortalTests.FillPhotonicsDisclosureAsync(alicePage, "Low-loss silicon photonic waveguide",
            "A waveguide geometry that halves propagation loss at 1550 nm.", "Ridge waveguides with thermal oxide cladding.", "Optical transceivers; lidar.");
        await UiHost.Input(alicePage, "inventor-share-1").FillAsync("100");
        await Assertions.Expect(alicePage.Locator("[data-testid=inventors-total]")).ToContainTextAsync("100%");
        await alicePage.Locator("[data-testid=editor-save]").ClickAsync();
        await Assertions.Expect(alicePage).ToHaveURLAsync(new Regex("/inventions/[0-9a-f-]{36}/edit$"));
        var id = Regex.Match(alicePage.Url, "inventions/([0-9a-f-]{36})/edit").Groups[1].Value;
        await alicePage.Locator("[data-testid=attachment-input]").SetInputFilesAsync(new FilePayload
        {
            Name = "measurements.txt", MimeType = "text/plain", Buffer = System.Text.Encoding.UTF8.GetBytes("Measured loss: 0.8 dB/cm at 1550 nm.\n"),
        });
        await alicePage.Locator("[data-testid=attachment-upload]").ClickAsync();
        await Assertions.Expect(alicePage.Locator("[data-testid=attachments]")).ToContainTextAsync("measurements.txt");
        await alicePage.Locator("[data-testid=editor-submit]").ClickAsync();
        await Assertions.Expect(alicePage).ToHaveURLAsync(new Regex($"/inventions/{id}$"));
        var caseNumber = (await alicePage.Locator("[data-testid=invention-case]").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z]+-\\d{4}-\\d+$", caseNumber);
        await UiHost.ScreenshotAsync(alicePage, "journey-submitted-en");

        // The technology manager screens, scores, files the application and prepares the transfer file, each from the inbox.
        var manager = await host.SignInAsync(managerEmail, UiHost.UserPassword);
        var form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Screen");
        await form.ChooseAsync("Accept: the disclosure is complete");
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Score");
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

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Apply");
        await form.TextAsync("Application number", "CN202610123456.7");
        await form.DateAsync("Filing date", Today);
        await form.TextAsync("Patent number (if already granted)", "ZL202610123456.7");
        await form.DateAsync("Grant date (if granted)", Today);
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Prepare");
        await form.SelectAsync("Pricing method (art. 18)", "Agreement");
        await form.TextAsync("What the committee is asked to approve", "Exclusive licence to Ningbo Optics by agreement");
        await form.TextAsync("Committee (empty: the default committee)", committee);
        await form.NumberAsync("Valuation (yuan)", 120000);
        await form.TextAsync("Valuation basis, or the recorded decision not to appraise", "Income approach, 5 years of royalties");
        await form.NumberAsync("Proposed price (agreement; yuan)", 120000);
        await form.TextAsync("Proposed counterparty (agreement)", "Ningbo Optics Ltd.");
        await form.TextAsync("Transfer method (assignment, licence, equity)", "licence");
        await form.SelectAsync("Intended kind of agreement (decides whether the leadership's collective decision is needed)", "Exclusive licence");
        await CompleteAsync(manager);

        // The chair opens the committee room from the inbox, states no conflict, votes and closes the review.
        var chair = await host.SignInAsync(chairEmail, UiHost.UserPassword);
        await WaitForInboxLinkAsync(chair, chairEmail, caseNumber, "Task_Vote");
        await chair.Locator("[data-testid=task-link-Task_Vote]").First.ClickAsync();
        await Assertions.Expect(chair).ToHaveURLAsync(new Regex("/reviews/case/"));
        await UiHost.WaitInteractiveAsync(chair);
        await Assertions.Expect(chair.Locator("[data-testid=case-file]")).ToContainTextAsync("Low-loss silicon photonic waveguide");
        await chair.Locator("[data-testid=conflict-none]").ClickAsync();
        await chair.Locator("[data-testid=vote-approve]").ClickAsync();
        await UiHost.Input(chair, "vote-reason").FillAsync("Sound valuation; a buyer is ready.");
        await chair.Locator("[data-testid=vote-submit]").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=my-vote]")).ToBeVisibleAsync();
        await Assertions.Expect(chair.Locator("[data-testid=close-outstanding]")).ToHaveCountAsync(0);
        await UiHost.Input(chair, "close-minutes").FillAsync("The file was presented; the chair approved.");
        await chair.Locator($"[data-testid='attendance-{chairId}']").ClickAsync();
        await chair.Locator("[data-testid=close-submit]").ClickAsync();
        await Assertions.Expect(chair.Locator("[data-testid=outcome]")).ToContainTextAsync("Approved");
        await UiHost.ScreenshotAsync(chair, "journey-committee-closed-en");

        // The public notice runs its window on the pricing screen and concludes without objection.
        await host.GotoAsync(manager, "pricing/case/" + Uri.EscapeDataString(caseNumber));
        await Assertions.Expect(manager.Locator("[data-testid=pricing-status]")).ToHaveTextAsync("Running");
        host.Pass(UiHost.NoticeWindow);
        await Assertions.Expect(manager.Locator("[data-testid=pricing-status]")).ToHaveTextAsync("Concluded");
        await UiHost.ScreenshotAsync(manager, "journey-notice-concluded-en");

        // The manager signs the licence, files it with the patent office and records the office's decision.
        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Sign");
        await form.SelectAsync("Kind", "Exclusive licence");
        await form.TextAsync("Counterparty", "Ningbo Optics Ltd.");
        await form.NumberAsync("Consideration (yuan)", 120000);
        await form.DateAsync("Date the contract takes effect", Today);
        await form.DateAsync("Term start", Today);
        await form.DateAsync("Term end", Today.AddYears(5));
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_File");
        await form.DateAsync("Submitted on", Today);
        await form.TextAsync("Submission reference", "CNIPA-LR-2026-0042");
        await CompleteAsync(manager);

        form = await OpenTaskAsync(manager, managerEmail, caseNumber, "Task_Decision");
        await form.ChooseAsync("Accepted / registered");
        await form.DateAsync("Decision (registration) date", Today);
        await CompleteAsync(manager);

        // Alice reads the whole story on her invention's page: the licence recorded, every decision listed.
        await host.GotoAsync(alicePage, $"inventions/{id}");
        await Assertions.Expect(alicePage.Locator("[data-testid='decision-filing.decided']")).ToBeVisibleAsync();
        await Assertions.Expect(alicePage.Locator("[data-testid='decision-agreement.signed']")).ToBeVisibleAsync();
        await Assertions.Expect(alicePage.Locator("[data-testid='decision-committee.closed']")).ToBeVisibleAsync();
        // The record reads as people speak: names, amounts in yuan with separators, words for coded values; no ids, no codes.
        var decisions = alicePage.Locator("[data-testid=decisions]");
        await Assertions.Expect(decisions.Locator("[data-testid='decision-agreement.signed']")).ToContainTextAsync("120,000.00 yuan");
        await Assertions.Expect(decisions.Locator("[data-testid='decision-agreement.signed']")).ToContainTextAsync("exclusive licence");
        var record = await decisions.InnerTextAsync();
        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}"), record);
        Assert.DoesNotMatch(new Regex(@"\b[a-z]+(-[a-z]+)+\b"), record); // exclusive-licence, licence-recordal, to-auction...
        Assert.DoesNotMatch(new Regex(@"\b\d{4,}\.\d\b|\b0\.\d+\b"), record); // 900000.0, 0.50
        // The inventor reads the stages on a step bar: the stages passed done, the agreement and its use where it is now.
        await Assertions.Expect(alicePage.Locator("[data-testid=case-step-Pricing]")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(alicePage.Locator("[data-testid=case-step-Transfer]")).ToHaveAttributeAsync("data-state", "current");
        await Assertions.Expect(alicePage.Locator("[data-testid=case-diagram]")).ToHaveCountAsync(0);
        await UiHost.ScreenshotAsync(alicePage, "journey-licence-recorded-en");
        await Assertions.Expect(alicePage.Locator("[data-testid=evidence-pack-download]")).ToHaveCountAsync(0); // the office's alone

        // The manager reads the main process on its diagram: the stages passed are done, the income step (after the filing) is where it is now.
        await host.GotoAsync(manager, $"inventions/{id}");
        var diagram = manager.Locator("[data-testid=case-diagram] section[data-process='invention-transfer']");
        await Assertions.Expect(diagram.Locator("g.djs-element.case-active[data-element-id='Task_Income']")).ToHaveCountAsync(1);
        await Assertions.Expect(diagram.Locator("g.djs-element.case-done[data-element-id='Task_Sign']")).ToHaveCountAsync(1);
        // The manager downloads the case's evidence pack for the auditor from the same page: one ZIP, its PDF in the page's language.
        var download = await manager.RunAndWaitForDownloadAsync(() => manager.Locator("[data-testid=evidence-pack-download]").ClickAsync());
        Assert.Equal($"evidence-pack-{caseNumber}.en.zip", download.SuggestedFilename);
        using (var zip = System.IO.Compression.ZipFile.OpenRead(await download.PathAsync()))
        {
            Assert.NotNull(zip.GetEntry("manifest.json"));
            Assert.NotNull(zip.GetEntry("evidence-pack.en.pdf"));
        }
    }

    /// <summary>Opens the case's task from the inbox (once the process has got there) and waits for its form.</summary>
    private async Task<FormJs> OpenTaskAsync(IPage page, string email, string caseNumber, string elementId)
    {
        await WaitForInboxLinkAsync(page, email, caseNumber, elementId);
        await page.Locator($"[data-testid=task-link-{elementId}]").First.ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        var form = new FormJs(page);
        await form.WaitAsync();
        return form;
    }

    /// <summary>Opens the inbox, searched for the case, once the user has the step (the process gets there in its own time).</summary>
    private async Task WaitForInboxLinkAsync(IPage page, string email, string caseNumber, string elementId)
    {
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        await UiHost.WaitForTaskAsync(api, caseNumber, elementId, state: () => CaseStateAsync(caseNumber));
        await host.GotoAsync(page, "tasks?search=" + Uri.EscapeDataString(caseNumber));
        await Assertions.Expect(page.Locator($"[data-testid=task-link-{elementId}]").First).ToBeVisibleAsync();
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
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
    }
}
