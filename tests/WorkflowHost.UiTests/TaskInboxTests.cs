using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Workflows.Testing;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The technology manager's inbox in Chromium: filters kept in the URL and saved per user, sorting, bulk claim, the task
/// page's actions (claim, delegate, send back) and MudBlazor's own texts in Chinese. Tasks come from the test's own
/// process (Fixtures/ui-inbox.bpmn), started through the REST API.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class TaskInboxTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>, IAsyncLifetime
{
    private readonly UiHost host = fixture.For(output);

    private const string ProcessId = "ui-inbox";

    public async Task InitializeAsync()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ui-inbox.bpmn"));
        (await api.PostAsync("api/v1/definitions", new StringContent(bpmn, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    private async Task<string> ManagerAsync(string name, string language = "en", params string[] moreRoles)
    {
        var email = $"{Guid.NewGuid():N}@inbox.example.org";
        await host.CreateUserAsync(email, name, language, ["technology-manager", .. moreRoles]);
        return email;
    }

    /// <summary>An inventor files and submits a complete disclosure (REST set-up); the case waits at screening. Returns its case number.</summary>
    private async Task<string> SubmittedCaseAsync(string title, string college, string inventorName)
    {
        var email = $"{Guid.NewGuid():N}@inbox.example.org";
        var userId = await host.CreateUserAsync(email, inventorName, "zh-CN", "inventor");
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        var created = await api.PostAsJsonAsync("api/v1/inventions", new
        {
            title, college, field = "材料", ipcClass = "H01M 10/0562", @abstract = "摘要。", fiscallyFunded = false, priorArt = "现有技术。",
            intendedUses = "电池。", inventors = new[] { new { userId, name = inventorName, share = 100m } },
        });
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException(await created.Content.ReadAsStringAsync());
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        (await api.PostAsync($"api/v1/inventions/{body["id"]}/submit", null)).EnsureSuccessStatusCode();
        return body["caseNumber"]!.GetValue<string>();
    }

    private async Task StartAsync(string businessKey, int dueDays, int followDays = 1, string pricingMethod = "listing")
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var response = await api.PostAsJsonAsync("api/v1/instances", new
        {
            processId = ProcessId, businessKey,
            variables = new JsonObject { ["dueDays"] = dueDays, ["followDays"] = followDays, ["pricingMethod"] = pricingMethod },
        });
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonObject> OpenTaskAsync(string email, string businessKey)
    {
        using var api = await host.ApiAsAsync(email, UiHost.UserPassword);
        var page = await api.GetFromJsonAsync<JsonObject>($"api/v1/tasks?businessKey={Uri.EscapeDataString(businessKey)}");
        return page!["items"]!.AsArray().Single()!.AsObject();
    }

    private static ILocator Row(IPage page, string businessKey) => page.Locator("tr.task-row", new() { HasText = businessKey });

    [Fact]
    public async Task The_inbox_shows_each_case_s_title_inventors_college_and_stage_and_filters_in_the_office_s_words()
    {
        var unique = Guid.NewGuid().ToString("N")[..6];
        var battery = await SubmittedCaseAsync($"一种固态电解质 {unique}", $"材料学院{unique}", "李明");
        var sensor = await SubmittedCaseAsync($"一种光纤传感器 {unique}", $"光电学院{unique}", "张伟");
        var manager = await ManagerAsync("孙主任", "zh-CN");
        using (var api = await host.ApiAsAsync(manager, UiHost.UserPassword))
        {
            await UiHost.WaitForTaskAsync(api, battery, "Task_Screen");
            await UiHost.WaitForTaskAsync(api, sensor, "Task_Screen");
        }

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, "tasks");
        var row = Row(page, battery);
        await Assertions.Expect(row.Locator("[data-testid=task-case-title]")).ToHaveTextAsync($"一种固态电解质 {unique}");
        await Assertions.Expect(row.Locator("[data-testid=task-case-inventors]")).ToHaveTextAsync("李明");
        await Assertions.Expect(row.Locator("[data-testid=task-case-college]")).ToHaveTextAsync($"材料学院{unique}");
        await Assertions.Expect(row.Locator("[data-testid=task-case-stage]")).ToHaveTextAsync("已提交");
        await Assertions.Expect(page.Locator("thead")).ToContainTextAsync("成果名称");
        // The office's filters only: no element ids, no name=value syntax for a technology manager.
        await Assertions.Expect(page.Locator("[data-testid=technical-filters-panel]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=inbox-filters]")).Not.ToContainTextAsync("元素");
        await UiHost.ScreenshotAsync(page, "inbox-cases-zh");

        // The title searched (not only the case number), then a college chosen from the colleges of the cases.
        await UiHost.Input(page, "filter-business-key").FillAsync($"光纤传感器 {unique}");
        await page.Locator("[data-testid=filter-apply]").ClickAsync();
        await Assertions.Expect(Row(page, sensor)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, battery)).ToHaveCountAsync(0);
        await host.GotoAsync(page, $"tasks?search={unique}");
        await Assertions.Expect(Row(page, sensor)).ToBeVisibleAsync();
        await host.GotoAsync(page, $"tasks?search={unique}&college={Uri.EscapeDataString($"材料学院{unique}")}");
        await Assertions.Expect(Row(page, battery)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, sensor)).ToHaveCountAsync(0);

        // The stage: both wait at screening (submitted); none is in pricing.
        await host.GotoAsync(page, $"tasks?search={unique}&stage=Submitted");
        await Assertions.Expect(Row(page, battery)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, sensor)).ToBeVisibleAsync();
        await host.GotoAsync(page, $"tasks?search={unique}&stage=Pricing");
        await Assertions.Expect(page.Locator("[data-testid=inbox]")).ToContainTextAsync("没有待办任务");
        // A technical filter in a link is no filter for whom the page does not offer it.
        await host.GotoAsync(page, $"tasks?search={unique}&element=Task_Nothing");
        await Assertions.Expect(Row(page, battery)).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_top_bar_keeps_one_line_and_the_inbox_s_first_screen_shows_tasks()
    {
        // A long name, which a phone's top bar once stacked one character a line.
        var manager = await ManagerAsync("Alexandra Montgomery-Smith", "zh-CN");
        var prefix = Unique("PHN");
        await StartAsync($"{prefix}-A", dueDays: 2);
        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await page.SetViewportSizeAsync(390, 844);
        await host.GotoAsync(page, $"tasks?search={prefix}");
        await Assertions.Expect(Row(page, $"{prefix}-A")).ToBeVisibleAsync();

        // The title, the name and sign-out: each on one line of the bar, inside the screen, none cut off.
        foreach (var part in new[] { "app-title", "signed-in-user", "sign-out" })
        {
            var box = await page.Locator($"[data-testid={part}]").BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 390.5, $"{part} runs off the screen: {box.X}+{box.Width}");
            Assert.True(box.Height <= 48, $"{part} is {box.Height}px high: its text wraps");
        }
        Assert.True(await page.Locator("[data-testid=app-title]").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the title is cut off");
        await Assertions.Expect(page.Locator("[data-testid=sign-out]")).ToHaveAttributeAsync("aria-label", "退出");

        // The first screen shows tasks: the filters are folded behind one button, which says how many are set.
        await Assertions.Expect(page.Locator("[data-testid=filter-apply]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-testid=filters-toggle]")).ToContainTextAsync("筛选 (1)");
        var row = await Row(page, $"{prefix}-A").BoundingBoxAsync();
        Assert.True(row is not null && row.Y < 844 - 48, $"the first task starts below the first screen, at {row?.Y}px");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth") <= 1, "the page is wider than the phone");
        await UiHost.ScreenshotAsync(page, "inbox-phone-zh");

        await page.Locator("[data-testid=filters-toggle]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=filter-apply]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filters_survive_a_reload_and_a_saved_filter_is_applied_from_the_list()
    {
        // The process filters (variables, steps) are a workflow administrator's.
        var manager = await ManagerAsync("Zhao Filter", "en", "workflow-administrator");
        var prefix = Unique("FLT");
        await StartAsync($"{prefix}-LISTING", dueDays: 3, pricingMethod: "listing");
        await StartAsync($"{prefix}-AUCTION", dueDays: 3, pricingMethod: "auction");

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, "tasks");
        await Assertions.Expect(Row(page, $"{prefix}-AUCTION")).ToBeVisibleAsync();
        await page.Locator("[data-testid=technical-filters-panel] .mud-expand-panel-header").ClickAsync();
        await UiHost.Input(page, "filter-business-key").FillAsync(prefix.ToLowerInvariant()); // the search ignores case
        await UiHost.Input(page, "filter-variables").FillAsync("pricingMethod=listing");
        await page.Locator("[data-testid=filter-apply]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("var\\.pricingMethod=listing"));
        await Assertions.Expect(Row(page, $"{prefix}-LISTING")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, $"{prefix}-AUCTION")).ToHaveCountAsync(0);
        await UiHost.ScreenshotAsync(page, "inbox-filtered-en");

        // The URL is the view: a reload shows the same tasks and the same filter fields.
        await page.ReloadAsync();
        await UiHost.WaitInteractiveAsync(page);
        await Assertions.Expect(Row(page, $"{prefix}-LISTING")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, $"{prefix}-AUCTION")).ToHaveCountAsync(0);
        await Assertions.Expect(UiHost.Input(page, "filter-variables")).ToHaveValueAsync("pricingMethod=listing");

        // Saved under a name, then applied from the list after clearing the filters.
        await page.Locator("[data-testid=saved-filters-panel] .mud-expand-panel-header").ClickAsync();
        await UiHost.Input(page, "filter-name").FillAsync("Listing cases");
        await page.Locator("[data-testid=filter-save]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='saved-filter-Listing cases']")).ToBeVisibleAsync();
        await host.GotoAsync(page, "tasks");
        await Assertions.Expect(Row(page, $"{prefix}-AUCTION")).ToBeVisibleAsync();
        await page.Locator("[data-testid=saved-filters-panel] .mud-expand-panel-header").ClickAsync();
        await page.Locator("[data-testid='saved-filter-Listing cases']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("var\\.pricingMethod=listing"));
        await Assertions.Expect(Row(page, $"{prefix}-AUCTION")).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, $"{prefix}-LISTING")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sorting_by_due_date_orders_the_rows_and_is_kept_in_the_url()
    {
        var manager = await ManagerAsync("Qian Sort");
        var prefix = Unique("SRT");
        await StartAsync($"{prefix}-C", dueDays: 3);
        await StartAsync($"{prefix}-A", dueDays: 1);
        await StartAsync($"{prefix}-B", dueDays: 2);

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, $"tasks?search={prefix}");
        var keys = page.Locator("tr.task-row [data-testid=task-business-key]");
        // Due date, earliest first, is the inbox's default order.
        await Assertions.Expect(keys).ToHaveTextAsync([$"{prefix}-A", $"{prefix}-B", $"{prefix}-C"]);
        await page.Locator("[data-testid=sort-due]").ClickAsync();
        await Assertions.Expect(keys).ToHaveTextAsync([$"{prefix}-C", $"{prefix}-B", $"{prefix}-A"]);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("order=desc"));
        await page.ReloadAsync();
        await UiHost.WaitInteractiveAsync(page);
        await Assertions.Expect(keys).ToHaveTextAsync([$"{prefix}-C", $"{prefix}-B", $"{prefix}-A"]);
        await UiHost.ScreenshotAsync(page, "inbox-en");
    }

    [Fact]
    public async Task Manager_claims_a_task_and_delegates_it()
    {
        var manager = await ManagerAsync("Sun Owner");
        var delegateName = $"Li Delegate {Guid.NewGuid().ToString("N")[..4]}";
        var colleague = await ManagerAsync(delegateName);
        var key = Unique("DLG");
        await StartAsync(key, dueDays: 5);
        var taskId = (await OpenTaskAsync(manager, key))["id"]!.GetValue<string>();

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, $"tasks/{taskId}");
        // Offered to me, not yet mine: claim is open, delegate says why not.
        await Assertions.Expect(page.Locator("[data-testid=why-delegate]")).ToHaveTextAsync("Claim it first.");
        await Assertions.Expect(page.Locator("[data-testid=action-delegate]")).ToBeDisabledAsync();
        await page.Locator("[data-testid=action-claim]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=task-assignee]")).ToContainTextAsync("Sun Owner");
        await Assertions.Expect(page.Locator("[data-testid=why-claim]")).ToHaveTextAsync("It is already yours.");
        await UiHost.ScreenshotAsync(page, "task-actions-en");

        await page.Locator("[data-testid=action-delegate]").ClickAsync();
        var picker = UiHost.Input(page, "person-picker");
        await UiHost.PickAsync(page, picker, delegateName, delegateName);
        await Assertions.Expect(picker).ToHaveValueAsync(delegateName);
        await page.Locator("[data-testid=delegate-confirm]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"));

        // The delegate finds it in their inbox, delegated by its owner.
        var other = await host.SignInAsync(colleague, UiHost.UserPassword);
        await host.GotoAsync(other, "tasks");
        await Assertions.Expect(Row(other, key)).ToBeVisibleAsync();
        await Row(other, key).Locator("[data-testid=task-link-Task_Check]").ClickAsync();
        await UiHost.WaitInteractiveAsync(other);
        await Assertions.Expect(other.Locator("[data-testid=task-owner]")).ToContainTextAsync("Sun Owner");
        await Assertions.Expect(other.Locator("[data-testid=action-resolve]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Send_back_needs_a_reason_and_the_work_goes_back()
    {
        var manager = await ManagerAsync("Zhou Sender");
        var key = Unique("SBK");
        await StartAsync(key, dueDays: 5);
        var taskId = (await OpenTaskAsync(manager, key))["id"]!.GetValue<string>();

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, $"tasks/{taskId}");
        await page.Locator("[data-testid=action-send-back]").ClickAsync();
        await page.Locator("[data-testid=send-back-confirm]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=task-actions]")).ToContainTextAsync("Say why the work goes back.");
        await UiHost.Input(page, "send-back-reason").FillAsync("The prior-art search is missing.");
        await UiHost.ScreenshotAsync(page, "task-send-back-en");
        await page.Locator("[data-testid=send-back-confirm]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
        // The workflow routed the send-back to its answer step.
        await Assertions.Expect(Row(page, key)).ToContainTextAsync("Answer the questions");
        var next = await OpenTaskAsync(manager, key);
        Assert.Equal("Task_Answer", next["elementId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claiming_several_tasks_reports_each_one()
    {
        var manager = await ManagerAsync("Wu Bulk");
        var rival = await ManagerAsync("Zheng Rival");
        var prefix = Unique("BLK");
        await StartAsync($"{prefix}-1", dueDays: 2);
        await StartAsync($"{prefix}-2", dueDays: 3);

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, $"tasks?search={prefix}");
        await Row(page, $"{prefix}-1").Locator("input[type=checkbox]").CheckAsync();
        await Row(page, $"{prefix}-2").Locator("input[type=checkbox]").CheckAsync();
        // Someone else takes the second one meanwhile.
        var second = (await OpenTaskAsync(rival, $"{prefix}-2"))["id"]!.GetValue<string>();
        using (var api = await host.ApiAsAsync(rival, UiHost.UserPassword))
            (await api.PostAsync($"api/v1/tasks/{second}/claim", null)).EnsureSuccessStatusCode();

        await page.Locator("[data-testid=claim-selected]").ClickAsync();
        var results = page.Locator("[data-testid=bulk-results]");
        await Assertions.Expect(results).ToContainTextAsync("2 task(s): 1 claimed, 1 refused");
        await Assertions.Expect(results.Locator("[data-claimed=true]")).ToContainTextAsync($"{prefix}-1");
        await Assertions.Expect(results.Locator("[data-claimed=false]")).ToContainTextAsync($"{prefix}-2");
        await Assertions.Expect(results.Locator("[data-claimed=false]")).ToContainTextAsync("someone else holds it");
        await UiHost.ScreenshotAsync(page, "inbox-bulk-claim-en");
    }

    [Fact]
    public async Task MudBlazor_texts_are_in_Chinese_for_a_Chinese_user()
    {
        var manager = await ManagerAsync("王经理", language: "zh-CN");
        var key = Unique("ZH");
        await StartAsync(key, dueDays: 1);
        var taskId = (await OpenTaskAsync(manager, key))["id"]!.GetValue<string>();

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, "tasks");
        await Assertions.Expect(page.Locator("[data-testid=inbox]")).ToContainTextAsync("每页行数");
        await Assertions.Expect(page.Locator("[data-testid=inbox]")).Not.ToContainTextAsync("Rows per page");
        // MudBlazor's own labels come from MudBlazorText.zh-CN.resx through the MudLocalizer (the pager's buttons).
        await Assertions.Expect(page.Locator("[data-testid=inbox] button[aria-label='下一页']")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, key)).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "inbox-zh-CN");
        await host.GotoAsync(page, $"tasks/{taskId}");
        await Assertions.Expect(page.Locator("[data-testid=why-delegate]")).ToHaveTextAsync("请先认领该任务。");
        await UiHost.ScreenshotAsync(page, "task-actions-zh-CN");
    }

    [Fact]
    public async Task A_due_time_reads_the_same_in_the_office_s_zone_on_the_page_and_in_the_email()
    {
        var manager = await ManagerAsync("孙时区", language: "zh-CN");
        var key = Unique("TZ");
        await StartAsync(key, dueDays: 2);
        var task = await OpenTaskAsync(manager, key);
        var due = DateTimeOffset.Parse(task["dueAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        // Asia/Shanghai is Calendar:TimeZone's default; the test machine's own zone (UTC on CI) must not show through.
        var inShanghai = TimeZoneInfo.ConvertTime(due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var expected = inShanghai.ToString("yyyy年M月d日 HH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var page = await host.SignInAsync(manager, UiHost.UserPassword);
        await host.GotoAsync(page, $"tasks?search={key}");
        await Assertions.Expect(Row(page, key)).ToContainTextAsync(expected);
        await host.GotoAsync(page, $"tasks/{task["id"]!.GetValue<string>()}");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(expected);

        // The new-task email to the same manager names the same hour.
        var mail = Path.Combine(host.DataPath, "mail");
        var body = await Eventually.ReturnsAsync<string>("the new-task email", () =>
            Directory.Exists(mail)
                ? Directory.GetFiles(mail, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
                    .Where(m => m.To.Mailboxes.Any(a => a.Address == manager) && m.Subject?.Contains(key, StringComparison.Ordinal) == true)
                    .Select(m => m.TextBody).FirstOrDefault()
                : null);
        Assert.Contains(expected, body, StringComparison.Ordinal);
    }
}
