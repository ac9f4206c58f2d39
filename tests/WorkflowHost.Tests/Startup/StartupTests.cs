using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Tests.Startup;

public sealed class StartupTests
{
    [Fact]
    public async Task Health_reports_the_database_and_the_scheduler()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(data, "workflows.db")));
    }

    [Fact]
    public async Task Shipped_workflows_are_published_as_version_1_once()
    {
        var (data, workflows) = HostFactory.NewFolders();
        File.Copy(HostFactory.RepositoryWorkflow("disclosure-screening.bpmn"), Path.Combine(workflows, "disclosure-screening.bpmn"));

        await using (var first = new HostFactory(data, workflows))
        {
            _ = first.CreateClient();
            var store = first.Services.GetRequiredService<IWorkflowStore>();
            Assert.Equal(1, (await store.GetLatestPublishedAsync("disclosure_screening"))!.Version);
        }
        await using (var second = new HostFactory(data, workflows))
        {
            _ = second.CreateClient();
            var versions = await second.Services.GetRequiredService<IWorkflowStore>().ListDefinitionsAsync("disclosure_screening");
            Assert.Equal([1], versions.Select(v => v.Version));
        }
    }

    [Fact]
    public async Task An_invalid_shipped_workflow_stops_start_up_naming_the_element()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await File.WriteAllTextAsync(Path.Combine(workflows, "broken.bpmn"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="broken" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="script" />
                <bpmn:scriptTask id="script" scriptFormat="javascript" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        await using var host = new HostFactory(data, workflows);
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        var message = error.ToString();
        Assert.Contains("broken.bpmn(6,", message);
        Assert.Contains("scriptTask 'script'", message);
    }
}
