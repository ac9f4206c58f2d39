using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The shipped processes speak the reader's language: a Chinese manager sees the screening task as 审查发明披露 in the
/// inbox, on the task page and in the invention's file, an English one as "Screen the disclosure" (the BPMN element's
/// wf:name-zh-CN beside its name). The sign-in page switches its language before anyone signs in.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class LocalizedNamesTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    /// <summary>An inventor files and submits a complete disclosure (REST set-up); the case waits at screening.</summary>
    private async Task<(Guid Id, string CaseNumber)> SubmittedInventionAsync()
    {
        var email = $"{Guid.NewGuid():N}@names.example.org";
        var userId = await host.CreateUserAsync(email, "发明人", "zh-CN", "inventor");
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        var created = await api.PostAsJsonAsync("api/v1/inventions", new
        {
            title = "一种固态电解质", field = "材料", ipcClass = "H01M 10/0562", @abstract = "摘要。", fiscallyFunded = false, priorArt = "现有技术。",
            intendedUses = "电池。", inventors = new[] { new { userId, name = "发明人", share = 100m } },
        });
        created.EnsureSuccessStatusCode();
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["id"]!.GetValue<Guid>();
        (await api.PostAsync($"api/v1/inventions/{id}/submit", null)).EnsureSuccessStatusCode();
        return (id, body["caseNumber"]!.GetValue<string>());
    }

    private async Task ShowsTaskNameAsync(string language, string caseNumber, Guid inventionId, string taskName, string processName)
    {
        var email = $"{Guid.NewGuid():N}@names.example.org";
        await host.CreateUserAsync(email, language == "en" ? "Tina Manager" : "王老师", language, "technology-manager");
        using (var api = await host.ApiAsAsync(email, UiHost.UserPassword)) await UiHost.WaitForTaskAsync(api, caseNumber, "Task_Screen");
        var page = await host.SignInAsync(email, UiHost.UserPassword);

        await host.GotoAsync(page, $"tasks?search={Uri.EscapeDataString(caseNumber)}");
        var row = page.Locator("tr.task-row", new() { HasText = caseNumber });
        await Assertions.Expect(row.Locator("[data-testid=task-link-Task_Screen]")).ToHaveTextAsync(taskName);
        await Assertions.Expect(row).ToContainTextAsync(processName);
        await UiHost.ScreenshotAsync(page, $"names-inbox-{language}");

        await row.Locator("[data-testid=task-link-Task_Screen]").ClickAsync();
        await Assertions.Expect(page.Locator("h1").First).ToHaveTextAsync(taskName);
        await UiHost.ScreenshotAsync(page, $"names-task-{language}");

        await host.GotoAsync(page, $"inventions/{inventionId}");
        await Assertions.Expect(page.Locator("[data-testid=open-step-Task_Screen] td").First).ToHaveTextAsync(taskName);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_inbox_task_page_and_file_show_the_task_in_the_readers_language()
    {
        var (id, caseNumber) = await SubmittedInventionAsync();
        await ShowsTaskNameAsync("zh-CN", caseNumber, id, "审查发明披露", "职务发明披露");
        await ShowsTaskNameAsync("en", caseNumber, id, "Screen the disclosure", "Disclosure");
    }

    [Fact]
    public async Task The_sign_in_page_switches_between_Chinese_and_English()
    {
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, Locale = "en-US" });
        await context.AddInitScriptAsync(UiHost.CspRecorder);
        var page = await context.NewPageAsync();
        await page.GotoAsync("account/login");
        var heading = page.Locator("h1");
        await Assertions.Expect(heading).ToHaveTextAsync("Sign in"); // the browser's language first

        await page.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await Assertions.Expect(heading).ToHaveTextAsync("登录");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("[data-testid='language-zh-CN']")).ToHaveAttributeAsync("aria-current", "true");
        await UiHost.ScreenshotAsync(page, "sign-in-zh");

        await page.ReloadAsync(); // the choice is kept
        await Assertions.Expect(heading).ToHaveTextAsync("登录");
        await page.Locator("[data-testid='language-en']").ClickAsync();
        await Assertions.Expect(heading).ToHaveTextAsync("Sign in");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login$"));
        await context.CloseAsync();
    }
}
