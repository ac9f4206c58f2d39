using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Tests.Startup;

public sealed class StartupTests
{
    [Fact]
    public async Task Health_tells_anyone_only_that_the_host_is_alive_and_an_administrator_the_database_and_the_scheduler()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);

        // A probe (or anyone) learns liveness and nothing about the installation: no database kind, no timer counts.
        var anonymous = await host.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var text = await anonymous.Content.ReadAsStringAsync();
        using (var json = JsonDocument.Parse(text))
            Assert.Equal(["status"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("Sqlite", text, StringComparison.OrdinalIgnoreCase);

        using var admin = await host.SignInAsAdminAsync();
        using var details = JsonDocument.Parse(await admin.GetStringAsync("/health"));
        Assert.Equal("Healthy", details.RootElement.GetProperty("status").GetString());
        var database = details.RootElement.GetProperty("checks").GetProperty("database");
        Assert.Equal("Healthy", database.GetProperty("status").GetString());
        Assert.Contains("Sqlite", database.GetProperty("description").GetString());
        Assert.True(details.RootElement.GetProperty("checks").TryGetProperty("scheduler", out _));
        Assert.True(File.Exists(Path.Combine(data, "workflows.db")));
    }

    [Fact]
    public async Task Shipped_workflows_are_published_as_version_1_once()
    {
        var (data, workflows) = HostFactory.NewFolders();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(HostFactory.RepositoryWorkflow("invention-transfer.bpmn"))!, "*.bpmn"))
            File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
        string[] processes = ["invention-transfer", "disclosure", "pre-filing-assessment", "committee-review", "pricing-agreement",
            "pricing-listing", "pricing-auction", "licence-filing"];

        await using (var first = new HostFactory(data, workflows))
        {
            _ = first.CreateClient();
            var store = first.Services.GetRequiredService<IWorkflowStore>();
            foreach (var process in processes) Assert.Equal(1, (await store.GetLatestPublishedAsync(process))!.Version);
        }
        await using (var second = new HostFactory(data, workflows))
        {
            _ = second.CreateClient();
            var versions = await second.Services.GetRequiredService<IWorkflowStore>().ListDefinitionsAsync("invention-transfer");
            Assert.Equal([1], versions.Select(v => v.Version));
        }
    }

    [Fact]
    public async Task The_domain_tables_are_created_at_start_up()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await using var host = new HostFactory(data, workflows);
        var alice = await host.CreateUserAsync("alice@example.edu", WorkflowHost.Identity.Roles.Inventor); // a co-inventor is an account
        var inventions = host.Services.GetRequiredService<TechTransfer.Inventions.InventionService>();
        var draft = await inventions.CreateDraftAsync(TechTransfer.ActingUser.Create(alice.Id, "inventor"),
            new TechTransfer.Inventions.InventionDraft { Title = "Sensor", Inventors = [new(alice.Id, "Alice", 100m)] });
        Assert.StartsWith("INV-", draft.CaseNumber);
    }

    [Fact]
    public async Task A_send_task_naming_an_unknown_email_template_stops_start_up()
    {
        var (data, workflows) = HostFactory.NewFolders();
        await File.WriteAllTextAsync(Path.Combine(workflows, "mail.bpmn"), """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
              <bpmn:process id="mail" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="tell" />
                <bpmn:sendTask id="tell" wf:template="no-such-template" wf:to="role:office-head" />
                <bpmn:sequenceFlow id="f2" sourceRef="tell" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        await using var host = new HostFactory(data, workflows);
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("BPMN021", error.ToString());
        Assert.Contains("no-such-template", error.ToString());
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
