using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The inventor portal in Chromium against the real host: filing a disclosure with co-inventors and attachments, the
/// office's questions answered on the invention's page, the case's stage on its diagram, and privacy of others' cases.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class InventorPortalTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task Inventor_files_a_disclosure_with_two_co_inventors()
    {
        var tag = Tag();
        var inventor = $"inventor-{tag}@ui-tests.example.org";
        await host.CreateUserAsync(inventor, $"Zhang Inventor {tag}", "en", "inventor");
        await host.CreateUserAsync($"li-{tag}@ui-tests.example.org", $"Li Coinventor {tag}", "en", "inventor");
        await host.CreateUserAsync($"chen-{tag}@ui-tests.example.org", $"Chen Coinventor {tag}", "en", "inventor");
        var manager = $"manager-{tag}@ui-tests.example.org";
        await host.CreateUserAsync(manager, $"Wang Manager {tag}", "en", "technology-manager");

        var page = await host.SignInAsync(inventor, UiHost.UserPassword);
        await host.GotoAsync(page, "inventions");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("My inventions");
        await page.Locator("[data-testid=invention-new]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inventions/new$"));
        await Assertions.Expect(page.Locator("[data-testid=attachments-limits]")).ToContainTextAsync(".pdf");

        var title = $"Low-loss photonic waveguide {tag}";
        await FillPhotonicsDisclosureAsync(page, title, "A waveguide geometry that halves propagation loss.", "Ridge waveguides.", "Optical transceivers.");

        // The filer is the first inventor; two co-inventors are found by name.
        await UiHost.Input(page, "inventor-share-1").FillAsync("50");
        await AddCoInventorAsync(page, 2, $"Li Coinventor {tag}", "30");
        await AddCoInventorAsync(page, 3, $"Chen Coinventor {tag}", "10");
        await Assertions.Expect(page.Locator("[data-testid=inventors-total]")).ToContainTextAsync("90%");

        // Shares that do not sum to 100 are refused with a message.
        await page.Locator("[data-testid=editor-submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=inventors-error]")).ToContainTextAsync("must add up to 100%");
        await UiHost.ScreenshotAsync(page, "invention-editor-shares-refused-en");
        await UiHost.Input(page, "inventor-share-3").FillAsync("20");
        await Assertions.Expect(page.Locator("[data-testid=inventors-total]")).ToContainTextAsync("100%");

        // A file attached before the first save: the draft is saved with it. Then one of a type that is refused.
        await page.Locator("[data-testid=attachment-input]").SetInputFilesAsync(new FilePayload
        {
            Name = "design-notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Measured loss: 0.8 dB/cm at 1550 nm.\n"),
        });
        await page.Locator("[data-testid=attachment-upload]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/inventions/[0-9a-f-]{36}/edit$"));
        var id = Regex.Match(page.Url, "inventions/([0-9a-f-]{36})/edit").Groups[1].Value;
        await Assertions.Expect(page.Locator("[data-testid=attachments]")).ToContainTextAsync("design-notes.txt");
        await Assertions.Expect(UiHost.Input(page, "inventor-share-3")).ToHaveValueAsync("20");
        await Assertions.Expect(page.Locator("[data-testid='attachment-design-notes.txt']"))
            .ToHaveAttributeAsync("href", new Regex("api/v1/attachments/[0-9a-f-]{36}/content$"));

        await page.Locator("[data-testid=attachment-input]").SetInputFilesAsync(new FilePayload
        {
            Name = "setup.exe", MimeType = "application/octet-stream", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],
        });
        await page.Locator("[data-testid=attachment-upload]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attachment-error]")).ToContainTextAsync("not accepted");
        await Assertions.Expect(page.Locator("[data-testid=attachments]")).Not.ToContainTextAsync("setup.exe");
        await UiHost.ScreenshotAsync(page, "invention-editor-en");

        // A file attached by mistake is removed while the disclosure is a draft (the record keeps both steps).
        await page.Locator("[data-testid=attachment-input]").SetInputFilesAsync(new FilePayload
        {
            Name = "old-notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("superseded\n"),
        });
        await page.Locator("[data-testid=attachment-upload]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attachments]")).ToContainTextAsync("old-notes.txt");
        await page.Locator("[data-testid='attachment-remove-old-notes.txt']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=attachments]")).Not.ToContainTextAsync("old-notes.txt");
        await Assertions.Expect(page.Locator("[data-testid=attachments]")).ToContainTextAsync("design-notes.txt");

        // What submission requires is marked on the form; a field left empty is refused beside that field, which is
        // scrolled into view with the cursor in it, and the mark goes once it is filled.
        foreach (var required in new[] { "field-title", "field-abstract", "field-prior-art", "field-uses" })
            await Assertions.Expect(page.Locator($".mud-input-control.mud-input-required:has([data-testid={required}])")).ToHaveCountAsync(1);
        var uses = UiHost.Input(page, "field-uses");
        await uses.FillAsync("");
        await page.Locator("[data-testid=editor-submit]").ClickAsync();
        var usesControl = page.Locator(".mud-input-control:has([data-testid=field-uses])");
        await Assertions.Expect(usesControl).ToHaveClassAsync(new Regex("mud-input-error"));
        await Assertions.Expect(usesControl).ToContainTextAsync("Intended uses is required.");
        await Assertions.Expect(page.Locator(".mud-input-control.mud-input-error")).ToHaveCountAsync(1);
        await Assertions.Expect(uses).ToBeFocusedAsync();
        await Assertions.Expect(uses).ToBeInViewportAsync();
        await uses.FillAsync("Optical transceivers.");
        await uses.BlurAsync();
        await Assertions.Expect(usesControl).Not.ToHaveClassAsync(new Regex("mud-input-error"));

        // Submitted: the process starts and the file shows it.
        await page.Locator("[data-testid=editor-submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/inventions/{id}$"));
        await Assertions.Expect(page.Locator("[data-testid=invention-status]")).Not.ToHaveTextAsync("Draft");
        await Assertions.Expect(page.Locator("[data-testid=invention-inventors]")).ToContainTextAsync($"Li Coinventor {tag}");
        await Assertions.Expect(page.Locator("[data-testid=invention-inventors]")).ToContainTextAsync("20%");

        // The office sees it among all inventions.
        var office = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(office, "inventions");
        await Assertions.Expect(office.Locator("h1")).ToHaveTextAsync("Inventions");
        await Assertions.Expect(office.Locator("[data-testid=inventions]")).ToContainTextAsync(title);
        await UiHost.Input(office, "inventions-search").FillAsync(tag);
        await Assertions.Expect(office.Locator("[data-testid=inventions] tbody tr")).ToHaveCountAsync(1);
        await UiHost.ScreenshotAsync(office, "inventions-en");
    }

    [Fact]
    public async Task Manager_sends_a_disclosure_back_and_the_inventor_answers()
    {
        var tag = Tag();
        var inventor = $"inventor-{tag}@ui-tests.example.org";
        var inventorId = await host.CreateUserAsync(inventor, $"Zhao Inventor {tag}", "en", "inventor");
        var manager = $"manager-{tag}@ui-tests.example.org";
        await host.CreateUserAsync(manager, $"Sun Manager {tag}", "en", "technology-manager");
        var (id, caseNumber) = await SubmittedInventionAsync(inventor, inventorId, $"Solid-state battery electrolyte {tag}");

        // The manager opens the screening task (the case's file beside the form) and asks a question.
        using var managerApi = await host.ApiAsAsync(manager, UiHost.UserPassword);
        var taskId = await UiHost.WaitForTaskAsync(managerApi, caseNumber, "Task_Screen");
        var office = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(office, $"tasks/{taskId}");
        await office.Locator("[data-testid=task-form] .fjs-form").WaitForAsync();
        await Assertions.Expect(office.Locator("[data-testid=case-panel]")).ToContainTextAsync($"Solid-state battery electrolyte {tag}");
        await UiHost.ScreenshotAsync(office, "task-with-case-file-en");
        await office.GetByLabel("Return to the inventors with questions").CheckAsync();
        const string question = "Which funded project paid for the prototype cells?";
        await office.GetByLabel("Questions for the inventors (when returning)").FillAsync(question);
        await office.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(office).ToHaveURLAsync(new Regex("/tasks$"));

        // The inventor follows the inbox to the invention's page, reads the question and answers it.
        var page = await host.SignInAsync(inventor, UiHost.UserPassword);
        using var inventorApi = await host.ApiAsAsync(inventor, UiHost.UserPassword);
        await UiHost.WaitForTaskAsync(inventorApi, caseNumber, "Task_Revise");
        await host.GotoAsync(page, "tasks");
        await page.Locator("[data-testid=task-link-Task_Revise]").First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/inventions/case/{caseNumber}$"));
        await Assertions.Expect(page.Locator("[data-testid=invention-questions]")).ToContainTextAsync(question);
        await Assertions.Expect(page.Locator("[data-testid=invention-status]")).ToContainTextAsync("Returned with questions");
        await Assertions.Expect(page.Locator("[data-testid=case-step-Screening]")).ToHaveAttributeAsync("aria-current", "step");
        await UiHost.ScreenshotAsync(page, "invention-questions-en");
        await page.Locator("[data-testid=answer-send]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=invention-error]")).ToContainTextAsync("Write your answer");
        await UiHost.Input(page, "answer-text").FillAsync("The NSFC project 62275001 paid for them; the disclosure now names it.");
        await page.Locator("[data-testid=answer-send]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=answer-send]")).ToHaveCountAsync(0);

        // The screening task comes back to the manager.
        var again = await UiHost.WaitForTaskAsync(managerApi, caseNumber, "Task_Screen", taskId);
        await host.GotoAsync(office, "tasks");
        await Assertions.Expect(office.Locator("[data-testid=inbox]")).ToContainTextAsync(caseNumber);
        // The answer reaches the manager: on the screening task, beside the questions it answers (it was only in variables).
        await host.GotoAsync(office, $"tasks/{again}");
        var thread = office.Locator("[data-testid='decision-disclosure.answered']");
        await Assertions.Expect(thread).ToContainTextAsync("NSFC project 62275001");
        await Assertions.Expect(thread).ToContainTextAsync(question);
        var detail = await inventorApi.GetFromJsonAsync<JsonObject>($"api/v1/inventions/{id}");
        Assert.Contains("disclosure.returned", detail!["timeline"]!.ToJsonString());
    }

    [Fact]
    public async Task Inventor_sees_the_stage_on_a_step_bar_in_their_language_and_the_office_on_the_diagram()
    {
        var tag = Tag();
        var inventor = $"inventor-{tag}@ui-tests.example.org";
        var inventorId = await host.CreateUserAsync(inventor, $"Qian Inventor {tag}", "en", "inventor");
        var (id, caseNumber) = await SubmittedInventionAsync(inventor, inventorId, $"Enzyme for PET recycling {tag}");
        using var inventorApi = await host.ApiAsAsync(inventor, UiHost.UserPassword);
        await WaitForOpenStepAsync(inventorApi, id, "Task_Screen");

        var page = await host.SignInAsync(inventor, UiHost.UserPassword);
        await host.GotoAsync(page, $"inventions/{id}");
        // The inventor reads a step bar, not the BPMN diagram: the disclosure done, the office's screening the current stage.
        var steps = page.Locator("[data-testid=case-steps]");
        await Assertions.Expect(steps.Locator("[data-testid=case-step-Disclosure]")).ToHaveAttributeAsync("data-state", "done");
        await Assertions.Expect(steps.Locator("[data-testid=case-step-Screening]")).ToHaveAttributeAsync("aria-current", "step");
        await Assertions.Expect(steps.Locator("[data-testid=case-step-Pricing]")).ToHaveAttributeAsync("data-state", "todo");
        await Assertions.Expect(steps).ToContainTextAsync("Pre-filing assessment");
        await Assertions.Expect(page.Locator("[data-testid=case-diagram]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=open-step-Task_Screen]")).ToContainTextAsync("technology managers");
        await Assertions.Expect(page.Locator("[data-testid=decisions]")).ToContainTextAsync("Disclosure submitted");
        await UiHost.ScreenshotAsync(page, "invention-file-en");

        // The same pages in Chinese.
        await page.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await Assertions.Expect(steps.Locator("[data-testid=case-step-Screening]")).ToContainTextAsync("审查受理");
        await Assertions.Expect(steps).ToContainTextAsync("专利申请前评估");
        await UiHost.ScreenshotAsync(page, "invention-file-zh-CN");
        await host.GotoAsync(page, "inventions");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的发明");
        await Assertions.Expect(page.Locator("[data-testid=inventions]")).ToContainTextAsync(caseNumber);
        await UiHost.ScreenshotAsync(page, "inventions-zh-CN");
        await host.GotoAsync(page, "inventions/new");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("新建发明披露");
        await UiHost.ScreenshotAsync(page, "invention-editor-zh-CN");

        // The office reads the same case on its BPMN diagrams: the main process in its disclosure stage, the screening active.
        var manager = $"manager-{tag}@ui-tests.example.org";
        await host.CreateUserAsync(manager, $"Zhao Manager {tag}", "en", "technology-manager");
        var office = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(office, $"inventions/{id}");
        var diagram = office.Locator("[data-testid=case-diagram]");
        await Assertions.Expect(diagram.Locator("section[data-process='invention-transfer'] g.djs-element.case-active[data-element-id='Call_Disclosure']"))
            .ToHaveCountAsync(1);
        await Assertions.Expect(diagram.Locator("section[data-process='disclosure'] g.djs-element.case-active[data-element-id='Task_Screen']")).ToHaveCountAsync(1);
        await Assertions.Expect(diagram.Locator("section[data-process='disclosure'] g.djs-element.case-done").First).ToBeAttachedAsync();
        Assert.True(await office.Locator(".bjs-powered-by").First.IsVisibleAsync(), "the bpmn.io watermark must stay visible");
        await Assertions.Expect(office.Locator("[data-testid=diagram-legend]")).ToContainTextAsync("in progress now");
        await Assertions.Expect(office.Locator("[data-testid=case-steps]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Inventor_who_is_not_on_an_invention_gets_a_not_found_page()
    {
        var tag = Tag();
        var owner = $"owner-{tag}@ui-tests.example.org";
        var ownerId = await host.CreateUserAsync(owner, $"Zhou Owner {tag}", "en", "inventor");
        var stranger = $"stranger-{tag}@ui-tests.example.org";
        await host.CreateUserAsync(stranger, $"Wu Stranger {tag}", "en", "inventor");
        var (id, caseNumber) = await SubmittedInventionAsync(owner, ownerId, $"Private invention {tag}");

        var page = await host.SignInAsync(stranger, UiHost.UserPassword);
        await host.GotoAsync(page, $"inventions/{id}");
        await Assertions.Expect(page.Locator("[data-testid=invention-not-found]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync($"Private invention {tag}");
        await host.GotoAsync(page, $"inventions/case/{caseNumber}");
        await Assertions.Expect(page.Locator("[data-testid=invention-not-found]")).ToBeVisibleAsync();
        await host.GotoAsync(page, $"inventions/{id}/edit");
        await Assertions.Expect(page.Locator("[data-testid=invention-not-found]")).ToBeVisibleAsync();
        await host.GotoAsync(page, "inventions");
        await Assertions.Expect(page.Locator("[data-testid=inventions]")).Not.ToContainTextAsync(caseNumber);
        await UiHost.ScreenshotAsync(page, "invention-not-found-en");
    }

    // ------------------------------------------------------------------ helpers

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];

    /// <summary>The disclosure's first section for a photonics invention (field and IPC class fixed), as an inventor types it.</summary>
    internal static async Task FillPhotonicsDisclosureAsync(IPage page, string title, string @abstract, string priorArt, string uses)
    {
        await UiHost.Input(page, "field-title").FillAsync(title);
        await UiHost.Input(page, "field-field").FillAsync("Photonics");
        await UiHost.Input(page, "field-ipc").FillAsync("G02B 6/12");
        await UiHost.Input(page, "field-abstract").FillAsync(@abstract);
        await UiHost.Input(page, "field-prior-art").FillAsync(priorArt);
        await UiHost.Input(page, "field-uses").FillAsync(uses);
    }

    private static async Task AddCoInventorAsync(IPage page, int row, string name, string share)
    {
        await page.Locator("[data-testid=inventor-add]").ClickAsync();
        await UiHost.PickAsync(page, UiHost.Input(page, $"inventor-user-{row}"), name.Split(' ')[0] + " " + name.Split(' ')[1][..4], name);
        await Assertions.Expect(UiHost.Input(page, $"inventor-name-{row}")).ToHaveValueAsync(name);
        await UiHost.Input(page, $"inventor-share-{row}").FillAsync(share);
    }

    /// <summary>Set-up through the REST API: the inventor files and submits a complete disclosure naming only themself.</summary>
    private async Task<(Guid Id, string CaseNumber)> SubmittedInventionAsync(string email, string userId, string title)
    {
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        var created = await api.PostAsJsonAsync("api/v1/inventions", new
        {
            title, field = "Materials", ipcClass = "H01M 10/0562", @abstract = "An abstract.", fiscallyFunded = false, priorArt = "Known art.",
            intendedUses = "Batteries.", inventors = new[] { new { userId, name = "Inventor", share = 100m } },
        });
        created.EnsureSuccessStatusCode();
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["id"]!.GetValue<Guid>();
        (await api.PostAsync($"api/v1/inventions/{id}/submit", null)).EnsureSuccessStatusCode();
        return (id, body["caseNumber"]!.GetValue<string>());
    }

    private static Task WaitForOpenStepAsync(HttpClient api, Guid id, string elementId) =>
        Eventually.HoldsAsync($"invention {id} at {elementId}", async () => (await api.GetFromJsonAsync<JsonObject>($"api/v1/inventions/{id}"))!["openSteps"]!
            .AsArray().Any(s => s!["elementId"]!.GetValue<string>() == elementId));
}
