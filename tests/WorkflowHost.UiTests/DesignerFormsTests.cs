using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>The designer's version comparison and the task-form editor (form-js), in Chromium against the real host.</summary>
[Collection(UiCollection.Name)]
public sealed class DesignerFormsTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static async Task PublishAsync(HttpClient api, string fixture)
    {
        var response = await api.PostAsync("api/v1/definitions", new StringContent(Fixture(fixture), Encoding.UTF8, "application/xml"));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{fixture}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task SwitchLanguageAsync(IPage page, string language, string expectedHeading)
    {
        await page.Locator($"[data-testid='language-{language}']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(expectedHeading);
        await UiHost.WaitInteractiveAsync(page);
    }

    [Fact]
    public async Task Comparing_two_versions_marks_and_lists_the_changed_due_date_and_the_added_task()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await PublishAsync(api, "ui-compare-v1.bpmn");
        (await api.PostAsJsonAsync("api/v1/instances", new { processId = "ui-compare", businessKey = "TT-CMP-1", variables = new JsonObject() })).EnsureSuccessStatusCode();
        await PublishAsync(api, "ui-compare-v2.bpmn");

        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "designer/ui-compare");
        await Assertions.Expect(page.Locator("[data-testid=version-2]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=compare-open]")).ToBeEnabledAsync(); // the newest two are picked
        await UiHost.ScreenshotAsync(page, "designer-versions-compare-en");
        await page.Locator("[data-testid=compare-previous-2]").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);

        var table = page.Locator("[data-testid=compare-table]");
        await Assertions.Expect(table).ToBeVisibleAsync();
        // Marked in colour: the changed task on both sides, the added one on the right.
        await Assertions.Expect(page.Locator("[data-testid=compare-left] g.djs-element.wf-diff-changed[data-element-id='Task_Screen']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=compare-right] g.djs-element.wf-diff-changed[data-element-id='Task_Screen']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=compare-right] g.djs-element.wf-diff-added[data-element-id='Task_Check']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=compare-left] g.djs-element[data-element-id='Task_Check']")).ToHaveCountAsync(0);
        // Listed: element, what changed, old -> new.
        var dueDate = page.Locator("[data-testid=diff-Task_Screen]", new() { HasText = "camunda:dueDate" });
        await Assertions.Expect(dueDate).ToContainTextAsync("P3D");
        await Assertions.Expect(dueDate).ToContainTextAsync("P5D");
        await Assertions.Expect(page.Locator("[data-testid=diff-Task_Check]")).ToHaveAttributeAsync("data-kind", "added");
        await Assertions.Expect(page.Locator("[data-testid=diff-Flow_2]")).ToContainTextAsync("Task_Check"); // its target moved
        await Assertions.Expect(page.Locator("[data-testid=compare-legend]")).ToContainTextAsync("Added");
        // Who published each version and how many instances run on it.
        await Assertions.Expect(page.Locator("[data-testid=compare-info-left]")).ToContainTextAsync("Published by");
        await Assertions.Expect(page.Locator("[data-testid=compare-info-left]")).ToContainTextAsync("1 running");
        await Assertions.Expect(page.Locator("[data-testid=compare-info-right]")).ToContainTextAsync("0 running");
        Assert.Equal(2, await page.Locator(".bjs-powered-by").CountAsync()); // the bpmn.io watermark on both viewers
        await UiHost.ScreenshotAsync(page, "designer-compare-en");

        // Zooming one diagram zooms the other.
        var before = await page.Locator("[data-testid=compare-right] svg").First.GetAttributeAsync("viewBox");
        await page.Locator("[data-testid=compare-left]").HoverAsync();
        await page.Keyboard.DownAsync("Control");
        await page.Mouse.WheelAsync(0, -300);
        await page.Keyboard.UpAsync("Control");
        await Assertions.Expect(page.Locator("[data-testid=compare-right] svg").First).Not.ToHaveAttributeAsync("viewBox", before ?? "");

        await SwitchLanguageAsync(page, "zh-CN", "第 1 版与第 2 版");
        await Assertions.Expect(page.Locator("[data-testid=compare-table]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=compare-legend]")).ToContainTextAsync("新增");
        await UiHost.ScreenshotAsync(page, "designer-compare-zh-CN");
        await SwitchLanguageAsync(page, "en", "version 1 and version 2");
    }

    [Fact]
    public async Task Administrator_adds_a_field_to_a_shipped_form_publishes_it_and_the_task_page_shows_it()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await PublishAsync(api, "ui-screening.bpmn");
        var started = await (await api.PostAsJsonAsync("api/v1/instances", new { processId = "ui-screening", businessKey = "TT-FORM-1", variables = new JsonObject() }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonObject>();
        var state = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{started!["id"]}");
        var taskId = state!["openTasks"]![0]!["id"]!.GetValue<string>();

        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "designer");
        await page.Locator("[data-testid=designer-forms-link]").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=form-list]")).ToContainTextAsync("disclosure-screening");
        await Assertions.Expect(page.Locator("[data-testid=form-source-disclosure-screening]")).ToHaveTextAsync("Shipped file");
        await UiHost.ScreenshotAsync(page, "designer-forms-en");

        await page.Locator("[data-testid=form-link-disclosure-screening]").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        var editor = page.Locator("[data-testid=form-editor]");
        var paletteTextField = editor.Locator(".fjs-palette-field[data-field-type=textfield]");
        await paletteTextField.WaitForAsync();
        await Assertions.Expect(editor.Locator(".fjs-powered-by").First).ToBeVisibleAsync(); // the bpmn.io watermark stays
        await Assertions.Expect(page.Locator("[data-testid=form-no-versions]")).ToBeVisibleAsync();

        // Add a text field from the palette (keyboard: the palette's Enter adds the field at the end; dragging is
        // unreliable in headless Chromium), then name it through the editor's API, as its properties panel would.
        var fieldsBefore = await editor.Locator(".fjs-editor-container .fjs-form-field-textfield").CountAsync();
        await paletteTextField.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(editor.Locator(".fjs-editor-container .fjs-form-field-textfield")).ToHaveCountAsync(fieldsBefore + 1);
        await editor.EvaluateAsync("""
            el => {
              const ed = el.formEditor;
              const field = ed.get('formFieldRegistry').getAll().filter(f => f.type === 'textfield').pop();
              ed.get('modeling').editFormField(field, { label: 'Licence reference number', key: 'licenceReference' });
            }
            """);
        await Assertions.Expect(editor).ToContainTextAsync("Licence reference number");

        await page.Locator("[data-testid=form-validate]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-status]")).ToHaveTextAsync("The form is valid.");
        await page.Locator("[data-testid=form-save-draft]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-status]")).ToContainTextAsync("Draft saved");
        await page.Locator("[data-testid=form-publish]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-status]")).ToContainTextAsync("Version 1 published");
        await Assertions.Expect(page.Locator("[data-testid=form-version-1]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "designer-form-editor-en");

        // The task page renders the published version.
        await host.GotoAsync(page, $"tasks/{taskId}");
        await page.Locator("[data-testid=task-form] .fjs-form").WaitForAsync();
        await Assertions.Expect(page.GetByLabel("Licence reference number")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "task-form-edited-en");

        // And the server's form check uses it: the REST API serves the new schema.
        var schema = await api.GetStringAsync("api/v1/forms/disclosure-screening");
        Assert.Contains("licenceReference", schema);

        await host.GotoAsync(page, "designer/forms");
        await Assertions.Expect(page.Locator("[data-testid=form-source-disclosure-screening]")).ToContainTextAsync("Version 1");
        await SwitchLanguageAsync(page, "zh-CN", "任务表单");
        await UiHost.ScreenshotAsync(page, "designer-forms-zh-CN");
        await host.GotoAsync(page, "designer/forms/disclosure-screening");
        await page.Locator("[data-testid=form-editor] .fjs-palette-field").First.WaitForAsync();
        await UiHost.ScreenshotAsync(page, "designer-form-editor-zh-CN");
        await SwitchLanguageAsync(page, "en", "Form editor");
    }

    [Fact]
    public async Task The_designer_marks_a_task_personal_and_confidential()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await PublishAsync(api, "ui-personal.bpmn");
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "designer/ui-personal/edit?version=1");
        var vote = page.Locator("g.djs-element[data-element-id='Task_Vote']");
        await vote.WaitForAsync(new() { Timeout = 60_000 });

        // The vote is marked personal and confidential in the file: both boxes are ticked, each says what it means.
        await vote.ClickAsync();
        await Assertions.Expect(page.Locator("#wf-personal")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#wf-confidential")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#wf-personal-hint")).ToContainTextAsync("nobody, administrators included, may reassign");
        await UiHost.ScreenshotAsync(page, "designer-personal-en");

        // Ticking them on another task writes wf:personal="true" and wf:confidential="true" into the saved draft.
        await page.Locator("g.djs-element[data-element-id='Task_Declare']").ClickAsync();
        await Assertions.Expect(page.Locator("#wf-personal")).Not.ToBeCheckedAsync();
        await page.Locator("#wf-personal").CheckAsync();
        await page.Locator("#wf-confidential").CheckAsync();
        await page.Locator("[data-testid=designer-save-draft]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=designer-status]")).ToContainTextAsync("Draft saved", new() { Timeout = 60_000 });
        var draft = await api.GetStringAsync("api/v1/definitions/ui-personal/draft/bpmn");
        Assert.Matches("id=\"Task_Declare\"[^>]*wf:personal=\"true\"", draft);
        Assert.Matches("id=\"Task_Declare\"[^>]*wf:confidential=\"true\"", draft);

        // Unticking leaves the attribute out.
        await page.Locator("#wf-confidential").UncheckAsync();
        await page.Locator("[data-testid=designer-save-draft]").ClickAsync();
        await CommitteeCase.WaitAsync("the draft without wf:confidential on Task_Declare", async () =>
            !System.Text.RegularExpressions.Regex.IsMatch(await api.GetStringAsync("api/v1/definitions/ui-personal/draft/bpmn"), "id=\"Task_Declare\"[^>]*wf:confidential"));
    }
}
