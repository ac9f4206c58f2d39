using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace WorkflowHost.UiTests;

/// <summary>
/// The operations views in Chromium: live counts on a process diagram, an instance with its journal, incidents and
/// variables, bulk cancelling with per-item reports, and the guided migration of running instances to a new version.
/// Set-up (publishing the fixture, starting instances) goes through the REST API.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class OperationsTests(UiHost fixture, ITestOutputHelper output) : IClassFixture<UiHost>
{
    private readonly UiHost host = fixture.For(output);

    private static string Fixture(string name, string processId) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)).Replace("\"ui_ops\"", $"\"{processId}\"");

    private static async Task PublishAsync(HttpClient api, string xml)
    {
        var response = await api.PostAsync("api/v1/definitions", new StringContent(xml, Encoding.UTF8, "application/xml"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Guid> StartAsync(HttpClient api, string processId, string path, string businessKey)
    {
        var response = await api.PostAsJsonAsync("api/v1/instances", new { processId, businessKey, variables = new { path, title = "一种新型电池" } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private async Task<IPage> ChineseAdministratorAsync(string email)
    {
        await host.CreateUserAsync(email, "运维管理员", "zh-CN", "workflow-administrator");
        return await host.SignInAsync(email, UiHost.UserPassword);
    }

    [Fact]
    public async Task Administrator_sees_counts_on_the_diagram_follows_an_incident_to_its_element_downloads_variables_and_cancels_in_bulk()
    {
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await PublishAsync(api, Fixture("ui-operations-v1.bpmn", "ui_ops"));
        var failing = await StartAsync(api, "ui_ops", "fail", "OPS-FAIL");
        var first = await StartAsync(api, "ui_ops", "review", "OPS-1");
        var second = await StartAsync(api, "ui_ops", "review", "OPS-2");
        var done = await StartAsync(api, "ui_ops", "done", "OPS-DONE");

        // The process drawn with what waits where: two tasks at the user task, one incident at the service task.
        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, "designer");
        await page.Locator("[data-testid='operations-ui_ops']").ClickAsync();
        await UiHost.WaitInteractiveAsync(page);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("operations/processes/ui_ops"));
        await Assertions.Expect(page.Locator("[data-testid='count-Task_Approve']")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-testid='incidents-Task_Check']")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid='running-1']")).ToHaveTextAsync("3");
        await UiHost.ScreenshotAsync(page, "operations-process-en");

        // The failing instance: journal beside the diagram, the incident links to its element, retry.
        await host.GotoAsync(page, $"operations/instances/{failing}");
        await Assertions.Expect(page.Locator("[data-testid='instance-diagram']")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(page.Locator("[data-testid='journal'] [data-event='InstanceStarted']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='journal'] [data-event='IncidentRaised']").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("g.djs-element.op-incident[data-element-id='Task_Check']")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Incidents") }).ClickAsync();
        await page.Locator("[data-testid='incident-element-Task_Check']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='instance-diagram']")).ToHaveAttributeAsync("data-selected", "Task_Check");
        await Assertions.Expect(page.Locator("g.djs-element.op-selected[data-element-id='Task_Check']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid='incident-message']")).ToContainTextAsync("inventionId");
        await UiHost.ScreenshotAsync(page, "operations-instance-en");
        await page.Locator("[data-testid^='incident-retry-']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='instance-message']")).ToContainTextAsync("run again");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Journal" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='journal'] [data-event='IncidentResolved']")).ToHaveCountAsync(1);

        // Variables, shown and downloaded as JSON.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Variables" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='variables']")).ToContainTextAsync("一种新型电池");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid='variables-download']").ClickAsync());
        var json = JsonNode.Parse(await File.ReadAllTextAsync(await download.PathAsync()))!;
        Assert.Equal("fail", json["path"]!.GetValue<string>());
        Assert.Equal("一种新型电池", json["title"]!.GetValue<string>());

        // Bulk cancel: the completed instance cannot be selected and says why; each cancelled one is reported.
        await host.GotoAsync(page, "operations/instances?process=ui_ops");
        await Assertions.Expect(page.Locator($"[data-testid='status-{done}']")).ToHaveTextAsync("completed");
        await Assertions.Expect(page.Locator($"[data-testid='unavailable-{done}']")).ToContainTextAsync("not running");
        await Assertions.Expect(UiHost.Input(page, $"select-{done}")).ToBeDisabledAsync();
        await UiHost.SetAsync(UiHost.Input(page, $"select-{first}"), true);
        await UiHost.SetAsync(UiHost.Input(page, $"select-{second}"), true);
        await UiHost.Input(page, "bulk-reason").FillAsync("Withdrawn by the inventors");
        await UiHost.ScreenshotAsync(page, "operations-instances-en");
        await page.Locator("[data-testid='bulk-run']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='bulk-summary']")).ToContainTextAsync("2 done, 0 refused");
        await Assertions.Expect(page.Locator($"[data-testid='result-{first}']")).ToHaveAttributeAsync("data-outcome", "done");
        await Assertions.Expect(page.Locator($"[data-testid='result-{second}']")).ToHaveAttributeAsync("data-outcome", "done");
        await Assertions.Expect(page.Locator($"[data-testid='status-{first}']")).ToHaveTextAsync("cancelled");
        await UiHost.ScreenshotAsync(page, "operations-bulk-result-en");

        // Retry is offered only where there are incidents.
        await page.Locator("[data-testid='bulk-action']").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Retry their incidents").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid='unavailable-{first}']")).ToContainTextAsync("no open incidents");
        await Assertions.Expect(UiHost.Input(page, $"select-{failing}")).ToBeEnabledAsync();

        // The same pages in Chinese.
        var zh = await ChineseAdministratorAsync("ops-zh@ui-tests.example.org");
        await host.GotoAsync(zh, "operations/processes/ui_ops");
        await Assertions.Expect(zh.Locator("[data-testid='incidents-Task_Check']")).ToHaveTextAsync("1");
        await Assertions.Expect(zh.Locator("nav.mud-navmenu")).ToContainTextAsync("流程运维");
        await UiHost.ScreenshotAsync(zh, "operations-process-zh-CN");
        await host.GotoAsync(zh, $"operations/instances/{failing}");
        await Assertions.Expect(zh.Locator("[data-testid='instance-diagram']")).ToHaveAttributeAsync("data-ready", "true");
        await Assertions.Expect(zh.Locator("[data-testid='journal']")).ToContainTextAsync("实例启动");
        await UiHost.ScreenshotAsync(zh, "operations-instance-zh-CN");
        await host.GotoAsync(zh, "operations/instances?process=ui_ops");
        await Assertions.Expect(zh.Locator($"[data-testid='unavailable-{done}']")).ToContainTextAsync("实例已结束");
        await UiHost.ScreenshotAsync(zh, "operations-instances-zh-CN");
    }

    [Fact]
    public async Task Migration_screen_maps_an_element_whose_id_changed_and_moves_the_waiting_instances()
    {
        const string process = "ui_ops_migration";
        using var api = await host.ApiAsAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await PublishAsync(api, Fixture("ui-operations-v1.bpmn", process));
        var first = await StartAsync(api, process, "review", "MIG-1");
        var second = await StartAsync(api, process, "review", "MIG-2");
        await PublishAsync(api, Fixture("ui-operations-v2.bpmn", process));

        // In Chinese: the screen asks only for the user task whose id changed (Task_Approve -> Task_Decide).
        var zh = await ChineseAdministratorAsync("migration-zh@ui-tests.example.org");
        await host.GotoAsync(zh, $"operations/migrations?process={process}");
        await Assertions.Expect(zh.Locator("[data-testid='map-Task_Approve']")).ToBeVisibleAsync();
        await UiHost.ScreenshotAsync(zh, "operations-migration-zh-CN");

        var page = await host.SignInAsync(UiHost.AdminEmail, UiHost.AdminPassword);
        await host.GotoAsync(page, $"operations/migrations?process={process}");
        await Assertions.Expect(page.Locator("[data-testid^='map-']")).ToHaveCountAsync(1);
        await page.Locator("[data-testid='migration-plan']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='migration-message']")).ToContainTextAsync("Still without a target: Task_Approve");
        await Assertions.Expect(page.Locator("[data-testid='migration-run']")).ToBeDisabledAsync();

        await page.Locator("[data-testid='map-Task_Approve']").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Decide on the disclosure (Task_Decide)").ClickAsync();
        await page.Locator("[data-testid='migration-plan']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='migration-message']")).ToContainTextAsync("2 instance(s) can be migrated");
        await Assertions.Expect(page.Locator($"[data-testid='migration-instance-{first}']")).ToContainTextAsync("Task_Approve → Task_Decide");
        await UiHost.ScreenshotAsync(page, "operations-migration-en");
        await page.Locator("[data-testid='migration-run']").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid='migration-message']")).ToContainTextAsync("2 instance(s) now run on version 2");
        await Assertions.Expect(page.Locator($"[data-testid='migration-instance-{second}']")).ToContainTextAsync("migrated");

        var moved = await api.GetFromJsonAsync<JsonObject>($"api/v1/instances/{first}");
        Assert.Equal(2, moved!["version"]!.GetValue<int>());
        Assert.Equal("Task_Decide", moved["openTasks"]![0]!["elementId"]!.GetValue<string>());

        // The process page now counts both tasks at the new element of version 2.
        await host.GotoAsync(page, $"operations/processes/{process}?version=2");
        await Assertions.Expect(page.Locator("[data-testid='count-Task_Decide']")).ToHaveTextAsync("2");
    }
}
