using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>The web UI in Chromium against the real host: sign-in, language, the designer, the inbox and a task form.</summary>
[Collection(UiCollection.Name)]
public sealed class WebUiTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    [Fact]
    public async Task Administrator_signs_in_and_switching_to_Chinese_shows_Chinese_text_remembered_on_the_account()
    {
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Welcome"); // the bootstrap administrator's language is English
        await UiHost.ScreenshotAsync(page, "home-en");

        await page.Locator("[data-testid='language-zh-CN']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("欢迎");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await UiHost.ScreenshotAsync(page, "home-zh-CN");

        // Remembered per user: a fresh browser signs in to Chinese.
        var again = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("欢迎");
        await host.GotoAsync(again, "account");
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("我的账户");
        await UiHost.ScreenshotAsync(again, "account-zh-CN");
        await host.GotoAsync(again, "designer");
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("流程");
        await UiHost.ScreenshotAsync(again, "designer-processes-zh-CN");
        await host.GotoAsync(again, "designer/disclosure/edit");
        await again.Locator("g.djs-element[data-element-id='Task_Screen']").WaitForAsync();
        await UiHost.ScreenshotAsync(again, "designer-zh-CN");
        await host.GotoAsync(again, "tasks");
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("我的任务");
        await UiHost.ScreenshotAsync(again, "inbox-empty-zh-CN");

        await again.Locator("[data-testid='language-en']").ClickAsync();
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("My tasks");
        await host.GotoAsync(again, "account");
        await Assertions.Expect(again.Locator("h1")).ToHaveTextAsync("My account");
        await UiHost.ScreenshotAsync(again, "account-en");
    }

    [Fact]
    public async Task Sign_in_with_a_wrong_password_is_refused_with_a_message()
    {
        var context = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("tasks");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("account/login", RegexOptions.IgnoreCase));
        await page.Locator("#email").FillAsync(UiHost.AdminEmail);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "sign-in-refused-en");
    }

    [Fact]
    public async Task Renaming_a_step_the_application_completes_is_reported_by_the_designer_and_not_published()
    {
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "designer/committee-review");
        await page.Locator("[data-testid=open-version-1]").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        var close = page.Locator("g.djs-element[data-element-id='Task_Close']");
        await close.WaitForAsync();

        // The chair's close is in the catalog of the shipped processes: its id is the application's, not the designer's.
        await close.ClickAsync();
        var id = page.Locator("#bio-properties-panel-id");
        if (!await id.IsVisibleAsync()) await page.Locator("[data-group-id='group-general'] .bio-properties-panel-group-header").ClickAsync();
        await id.FillAsync("Task_CloseVote");
        await id.PressAsync("Tab");
        await Assertions.Expect(page.Locator("g.djs-element[data-element-id='Task_CloseVote']")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=designer-validate]").ClickAsync();
        var diagnostics = page.Locator("[data-testid=designer-diagnostics]");
        await Assertions.Expect(diagnostics).ToContainTextAsync("TT001");
        await Assertions.Expect(diagnostics).ToContainTextAsync("Task_Close'");
        await UiHost.ScreenshotAsync(page, "designer-catalog-id-renamed-en");

        await page.Locator("[data-testid=designer-publish]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=designer-status]")).ToContainTextAsync("problem(s)");
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var process = (await api.GetFromJsonAsync<JsonObject>("api/v1/definitions/committee-review"))!;
        foreach (var version in process["versions"]!.AsArray())
            Assert.DoesNotContain("Task_CloseVote", await api.GetStringAsync($"api/v1/definitions/committee-review/versions/{version!["version"]}/bpmn"));
    }

    [Fact]
    public async Task Administrator_changes_a_due_date_sees_a_broken_flow_marked_fixes_it_and_publishes_version_2()
    {
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "designer");
        await Assertions.Expect(page.Locator("[data-testid=process-list]")).ToContainTextAsync("committee-review");
        await UiHost.ScreenshotAsync(page, "designer-processes-en");

        await host.GotoAsync(page, "designer/committee-review");
        await page.Locator("[data-testid=open-version-1]").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        var task = page.Locator("g.djs-element[data-element-id='Task_NoQuorum']");
        await task.WaitForAsync();
        Assert.True(await page.Locator(".bjs-powered-by").IsVisibleAsync(), "the bpmn.io watermark must stay visible");

        // Change the due date in the properties panel's Camunda user-assignment group; our wf: section shows the reminders.
        await task.ClickAsync();
        await Assertions.Expect(page.Locator("#wf-reminders")).ToBeVisibleAsync();
        await page.Locator("[data-group-id='group-CamundaPlatform__UserAssignment'] .bio-properties-panel-group-header").ClickAsync();
        await page.Locator("#bio-properties-panel-dueDate").FillAsync("P7D");
        await page.Locator("#bio-properties-panel-dueDate").PressAsync("Tab");

        // Break a flow: delete the flow into End_Chased; the server's diagnostics are marked on the elements.
        await page.Locator("g.djs-element[data-element-id='Flow_Task_Chase_End_Chased'] .djs-hit").ClickAsync(new() { Force = true });
        await page.Keyboard.PressAsync("Delete");
        await page.Locator("[data-testid=designer-validate]").ClickAsync();
        await Assertions.Expect(page.Locator(".wf-diagnostic-badge").First).ToBeVisibleAsync();
        var marked = await page.Locator("g.djs-element.wf-invalid").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.elementId)");
        Assert.Contains(marked, id => id is "Task_Chase" or "End_Chased");
        await Assertions.Expect(page.Locator("[data-testid=designer-diagnostics]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "designer-invalid-en");

        // Fix it: undo the deletion (the due date change stays), validate again, publish.
        await page.Locator("[data-testid=designer-canvas]").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("Control+z");
        await Assertions.Expect(page.Locator("g.djs-element[data-element-id='Flow_Task_Chase_End_Chased']")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=designer-validate]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=designer-status]")).ToHaveTextAsync("The diagram is valid.");
        await Assertions.Expect(page.Locator(".wf-diagnostic-badge")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=designer-publish]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=designer-status]")).ToContainTextAsync("committee-review v2");
        await UiHost.ScreenshotAsync(page, "designer-published-en");

        await host.GotoAsync(page, "designer/committee-review");
        await Assertions.Expect(page.Locator("[data-testid=version-2]")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(page, "designer-versions-en");

        // Version 2 carries the new due date.
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var xml = await api.GetStringAsync("api/v1/definitions/committee-review/versions/2/bpmn");
        Assert.Matches("id=\"Task_NoQuorum\"[^>]*camunda:dueDate=\"P7D\"", xml);
    }

    [Fact]
    public async Task Technology_manager_completes_a_task_from_the_inbox_with_its_form_and_server_checks_apply()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        var email = $"manager-{Guid.NewGuid():N}@ui-tests.example.org";
        const string password = "Inbox-Ready-2026"; // no part of the address in it (doc/security.md)
        (await api.PostAsJsonAsync("api/v1/users", new { email, password, displayName = "Wang Manager", language = "zh-CN", digest = "immediate", roles = new[] { "technology-manager" } }))
            .EnsureSuccessStatusCode();
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ui-screening.bpmn"));
        (await api.PostAsync("api/v1/definitions", new StringContent(bpmn, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var businessKey = "TT-UI-" + Random.Shared.Next(1000, 9999);
        (await api.PostAsJsonAsync("api/v1/instances", new { processId = "ui-screening", businessKey, variables = new JsonObject() })).EnsureSuccessStatusCode();

        var page = await host.SignInAsync(email, password);
        await host.GotoAsync(page, "tasks");
        await Assertions.Expect(page.Locator("[data-testid=inbox]")).ToContainTextAsync(businessKey);
        // Due in one day: highlighted as due soon (the manager reads Chinese).
        await Assertions.Expect(page.Locator("tr.task-due-soon", new() { HasText = businessKey })).ToContainTextAsync("即将到期");
        await UiHost.ScreenshotAsync(page, "inbox-zh-CN");
        await page.Locator("[data-testid=task-link-Task_Screen]").First.ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        await page.Locator("[data-testid=task-form] .fjs-form").WaitForAsync();
        await UiHost.ScreenshotAsync(page, "task-form-zh-CN");

        // The form reads in Chinese (its labels map), and so do form-js's own checks; nothing of the configuration shows.
        var form = page.Locator("[data-testid=task-form] .fjs-form");
        await Assertions.Expect(form).ToContainTextAsync("审查结论");
        await Assertions.Expect(form).Not.ToContainTextAsync("Missing fields");
        await page.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("此项为必填项。");
        await Assertions.Expect(form).Not.ToContainTextAsync("Field is required");
        await page.GetByLabel("受理：披露内容完整").CheckAsync();
        await page.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/tasks$"));
        await Assertions.Expect(page.Locator("[data-testid=inbox]")).Not.ToContainTextAsync(businessKey);

        var instances = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances?businessKey={businessKey}");
        Assert.Contains("completed", instances!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Form_js_s_own_texts_read_in_Chinese_for_a_Chinese_user()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        JsonArray Options() => [new JsonObject { ["label"] = "许可", ["value"] = "licence" }, new JsonObject { ["label"] = "转让", ["value"] = "assignment" }];
        var schema = new JsonObject
        {
            ["type"] = "default", ["id"] = "ui-form-texts", ["schemaVersion"] = 16,
            ["components"] = new JsonArray(
                new JsonObject { ["type"] = "select", ["key"] = "route", ["label"] = "方式", ["id"] = "route", ["values"] = Options() },
                new JsonObject { ["type"] = "select", ["key"] = "partner", ["label"] = "对象", ["id"] = "partner", ["searchable"] = true, ["values"] = Options() },
                new JsonObject { ["type"] = "datetime", ["subtype"] = "date", ["key"] = "signedOn", ["label"] = "签订日期", ["dateLabel"] = "签订日期", ["id"] = "signedOn" },
                new JsonObject { ["type"] = "number", ["key"] = "score", ["label"] = "评分", ["id"] = "score", ["validate"] = new JsonObject { ["max"] = 5 } }),
        };
        var published = await api.PutAsync("api/v1/forms/ui-form-texts", new StringContent(schema.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var bpmn = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "ui-form-texts.bpmn"));
        (await api.PostAsync("api/v1/definitions", new StringContent(bpmn, Encoding.UTF8, "application/xml"))).EnsureSuccessStatusCode();
        var businessKey = "TT-TEXTS-" + Random.Shared.Next(1000, 9999);
        (await api.PostAsJsonAsync("api/v1/instances", new { processId = "ui-form-texts", businessKey, variables = new JsonObject() })).EnsureSuccessStatusCode();
        var email = $"texts-{Guid.NewGuid():N}@ui-tests.example.org";
        await host.CreateUserAsync(email, "钱经理", "zh-CN", "technology-manager");
        using var manager = await host.ApiAsAsync(email, UiHost.UserPassword);
        var task = await UiHost.WaitForTaskAsync(manager, businessKey, "Task_Fill");

        var page = await host.SignInAsync(email, UiHost.UserPassword);
        await host.GotoAsync(page, $"tasks/{task}");
        var form = page.Locator("[data-testid=task-form] .fjs-form");
        await form.WaitForAsync();
        // An empty select says 请选择, a searchable one 搜索, the date field shows 年/月/日: none of form-js's English.
        await Assertions.Expect(form.Locator(".fjs-select-display").First).ToHaveTextAsync("请选择");
        await Assertions.Expect(form.Locator("input[placeholder='搜索']")).ToHaveCountAsync(1);
        await Assertions.Expect(form.GetByLabel(new Regex("^签订日期"))).ToHaveAttributeAsync("placeholder", new Regex("年.*月.*日|月.*日.*年"));
        // Its own checks too: a number above the maximum.
        await form.GetByLabel(new Regex("^评分")).FillAsync("7");
        await page.Locator("[data-testid=task-complete]").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("不得大于 5。");
        await UiHost.ScreenshotAsync(page, "form-own-texts-zh-CN");
        var text = await form.InnerTextAsync();
        Assert.DoesNotMatch(new Regex(@"\b(Select|Search|No results|Field must)\b"), text);
        Assert.DoesNotContain("mm/dd/yyyy", await form.InnerHTMLAsync());
        await page.Context.CloseAsync();
    }
}
