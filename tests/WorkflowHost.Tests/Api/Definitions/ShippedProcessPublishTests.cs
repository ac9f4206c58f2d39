using TechTransfer.Processes;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Definitions;

/// <summary>
/// Publishing a new version of a shipped process over the real HTTP stack: what the administrator may change in the
/// designer (names, due dates, reminders) publishes; dropping a step the application completes (renaming its id) is
/// refused with the catalog's diagnostic, by validation, on the draft and on publishing, and nothing is stored.
/// </summary>
public sealed class ShippedProcessPublishTests
{
    private static readonly string Disclosure = File.ReadAllText(HostFactory.RepositoryWorkflow("disclosure.bpmn"));

    private static bool NamesScreenStep(JsonElement diagnostic) =>
        diagnostic.GetProperty("code").GetString() == ShippedProcessCheck.MissingCatalogElement
        && diagnostic.GetProperty("elementId").GetString() == ShippedProcesses.Disclosure.Screen;

    [Fact]
    public async Task A_shipped_process_whose_screening_step_is_renamed_is_refused_and_one_with_new_names_and_timers_publishes()
    {
        await using var host = await ApiHost.StartAsync("Sqlite");
        var admin = host.Administrator();
        // Renamed as the designer renames an id: the element, its flows' ends and its shape.
        var renamed = Disclosure.Replace($"\"{ShippedProcesses.Disclosure.Screen}\"", "\"Task_Triage\"", StringComparison.Ordinal);

        var refused = await ApiHost.ProblemAsync(await admin.PostAsync("/api/v1/definitions", ApiHost.Xml(renamed)), 422);
        var error = Assert.Single(refused.GetProperty("errors").EnumerateArray(), NamesScreenStep);
        Assert.Contains("disclosure", error.GetProperty("message").GetString());
        Assert.Empty((await host.GetAsync(admin, "/api/v1/definitions")).EnumerateArray());

        // The designer's validation says so before publishing, and a draft keeps the change but cannot be published.
        var check = await (await admin.PostAsync("/api/v1/definitions/validate", ApiHost.Xml(renamed))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("diagnostics").EnumerateArray(), NamesScreenStep);
        var draft = await admin.PostAsync("/api/v1/definitions/drafts", ApiHost.Xml(renamed));
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var saved = (await draft.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.False(saved.GetProperty("valid").GetBoolean());
        Assert.Contains(saved.GetProperty("diagnostics").EnumerateArray(), NamesScreenStep);
        var draftRefused = await ApiHost.ProblemAsync(await admin.PostAsync($"/api/v1/definitions/{ShippedProcesses.Disclosure.Id}/draft/publish", null), 422);
        Assert.Contains(draftRefused.GetProperty("errors").EnumerateArray(), NamesScreenStep);
        Assert.Empty((await host.GetAsync(admin, $"/api/v1/definitions/{ShippedProcesses.Disclosure.Id}")).GetProperty("versions").EnumerateArray());

        // Names, due dates and reminders are the administrator's: such a version publishes.
        var edited = Disclosure.Replace("name=\"Screen the disclosure\"", "name=\"初审披露 (Screen the disclosure)\"", StringComparison.Ordinal)
            .Replace("camunda:dueDate=\"P5D\" wf:reminders=\"P2D,P1D\"", "camunda:dueDate=\"P7D\" wf:reminders=\"P3D\"", StringComparison.Ordinal);
        Assert.NotEqual(Disclosure, edited);
        var published = await admin.PostAsync("/api/v1/definitions", ApiHost.Xml(edited));
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("version").GetInt32());
    }
}
