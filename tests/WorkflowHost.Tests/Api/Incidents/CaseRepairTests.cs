using System.Net;
using System.Text.Json;
using WorkflowHost.Identity;
using Workflows.Persistence;
using static WorkflowHost.Tests.Api.DomainApiHost;

namespace WorkflowHost.Tests.Api.Incidents;

/// <summary>
/// The dead end: a case's service task failed in a called process and nobody could see or mend it. Now the incident
/// shows on the calling process and by case number, in the reader's language; a workflow administrator reads the failed
/// step's variables, retries it with the missing value, and moves the process on; each repair joins the case's evidence with
/// who did it and the values before and after.
/// </summary>
public sealed class CaseRepairTests
{
    private static readonly string Probe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Api", "Fixtures", "repair-probe.bpmn"));

    [Theory, MemberData(nameof(Providers), MemberType = typeof(Api.DomainApiHost))]
    public async Task A_failed_step_of_a_called_process_is_seen_on_the_case_and_repaired_by_retry_with_values_and_a_token_move(DatabaseProvider provider)
    {
        await using var host = await StartAsync(provider);
        var id = await host.SubmitInventionAsync();
        var caseNumber = (await host.InventionAsync(id)).GetProperty("invention").GetProperty("caseNumber").GetString()!;
        var published = await host.Admin.PostAsync("/api/v1/definitions", ApiHost.Xml(Probe));
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        var parent = (await ExpectAsync(HttpStatusCode.Created, host.Admin, HttpMethod.Post, "/api/v1/instances",
            new { processId = "repair_probe", businessKey = caseNumber })).GetProperty("id").GetGuid();

        // Seen by case number (the called process has no business key of its own) and on the calling process.
        var byCase = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/incidents?caseNumber={caseNumber}");
        var incident = Assert.Single(byCase.EnumerateArray());
        var incidentId = incident.GetProperty("id").GetGuid();
        var child = incident.GetProperty("instanceId").GetGuid();
        Assert.NotEqual(parent, child);
        Assert.Equal(caseNumber, incident.GetProperty("caseNumber").GetString());
        Assert.Equal(parent, incident.GetProperty("rootInstanceId").GetGuid());
        Assert.Equal("Check the disclosure", incident.GetProperty("stepName").GetString());
        Assert.Contains("Check the disclosure", incident.GetProperty("summary").GetString());
        Assert.Contains("Cause: the process lacks “Invention”.", incident.GetProperty("summary").GetString());
        Assert.Contains("inventionId", incident.GetProperty("message").GetString());
        var onParent = await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/instances/{parent}/incidents");
        Assert.Equal(incidentId, Assert.Single(onParent.EnumerateArray()).GetProperty("id").GetGuid());

        // In Chinese for a Chinese reader.
        var user = await host.Host.CreateUserWithPasswordAsync("zhou@example.edu", TestUsers.DefaultPassword, Languages.Chinese, Roles.TechnologyManager);
        var zhou = await host.Host.SignInAsync(user.Email, user.Password);
        var chinese = Assert.Single((await OkAsync(zhou, HttpMethod.Get, $"/api/v1/incidents?caseNumber={caseNumber}")).EnumerateArray());
        Assert.Equal("检查披露材料", chinese.GetProperty("stepName").GetString());
        // In words, with the cause the handler's coded fault gives; not the handler's English message.
        Assert.Equal("“检查披露材料”一步处理出错，案件停在此处；已通知流程管理员处理。 原因：流程缺少“成果”。", chinese.GetProperty("summary").GetString());

        // Only workflow administrators read the failed scope and repair it.
        await ExpectAsync(HttpStatusCode.Forbidden, host.Manager, HttpMethod.Get, $"/api/v1/incidents/{incidentId}/variables");
        await ExpectAsync(HttpStatusCode.Forbidden, host.Manager, HttpMethod.Post, $"/api/v1/incidents/{incidentId}/retry", new { variables = new { inventionId = id } });
        var scope = await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/incidents/{incidentId}/variables");
        Assert.Equal(child, scope.GetProperty("instanceId").GetGuid());
        Assert.DoesNotContain("inventionId", scope.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        var nameless = await ExpectAsync(HttpStatusCode.BadRequest, host.Admin, HttpMethod.Post, $"/api/v1/incidents/{incidentId}/retry",
            new Dictionary<string, object> { ["variables"] = new Dictionary<string, object> { [" "] = 1 } });
        Assert.True(nameless.GetProperty("errors").TryGetProperty("variables", out _), nameless.ToString());

        var retried = await OkAsync(host.Admin, HttpMethod.Post, $"/api/v1/incidents/{incidentId}/retry",
            new { variables = new { inventionId = id }, reason = "The called process was started without the case's id." });
        Assert.NotEqual(JsonValueKind.Null, retried.GetProperty("resolvedAt").ValueKind);
        Assert.Empty((await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/incidents?caseNumber={caseNumber}")).EnumerateArray());
        var childState = await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/instances/{child}");
        Assert.Equal("Task_Look", Assert.Single(childState.GetProperty("openTasks").EnumerateArray()).GetProperty("elementId").GetString());

        // Moving a token: bad input names the field; a target outside the process is refused; then the called process ends early.
        var noTarget = await ExpectAsync(HttpStatusCode.BadRequest, host.Admin, HttpMethod.Post, $"/api/v1/instances/{child}/token-moves", new { from = "Task_Look" });
        Assert.True(noTarget.GetProperty("errors").TryGetProperty("to", out _), noTarget.ToString());
        var unknown = await ExpectAsync(HttpStatusCode.UnprocessableEntity, host.Admin, HttpMethod.Post, $"/api/v1/instances/{child}/token-moves",
            new { from = "Task_Look", to = "Task_Nowhere" });
        Assert.Equal("move-unknown-target", unknown.GetProperty("code").GetString());
        await ExpectAsync(HttpStatusCode.Forbidden, host.Manager, HttpMethod.Post, $"/api/v1/instances/{child}/token-moves", new { from = "Task_Look", to = "cEnd" });
        await ExpectAsync(HttpStatusCode.NoContent, host.Admin, HttpMethod.Post, $"/api/v1/instances/{child}/token-moves",
            new { from = "Task_Look", to = "cEnd", reason = "Looked at on paper." });
        var parentState = await OkAsync(host.Admin, HttpMethod.Get, $"/api/v1/instances/{parent}");
        Assert.Equal("Task_Hold", Assert.Single(parentState.GetProperty("openTasks").EnumerateArray()).GetProperty("elementId").GetString());

        // Both repairs reach the case's evidence (through the outbox, after their commits), with who, what and the values.
        await WaitForAsync("the repairs in the evidence", async () =>
        {
            var actions = await host.EvidenceActionsAsync(id);
            return actions.Contains("workflow.incident-retried") && actions.Contains("workflow.token-moved");
        });
        var entries = (await OkAsync(host.Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray().ToList();
        var retry = entries.Single(e => e.GetProperty("action").GetString() == "workflow.incident-retried");
        var retryFacts = JsonDocument.Parse(retry.GetProperty("payload").GetString()!).RootElement;
        var change = Assert.Single(retryFacts.GetProperty("changes").EnumerateArray());
        Assert.Equal("inventionId", change.GetProperty("name").GetString());
        Assert.True(!change.TryGetProperty("before", out var before) || before.ValueKind == JsonValueKind.Null, change.ToString());
        Assert.Equal(id.ToString(), change.GetProperty("after").GetString());
        Assert.Equal("Task_Check", retryFacts.GetProperty("step").GetString());
        var move = entries.Single(e => e.GetProperty("action").GetString() == "workflow.token-moved");
        var moveFacts = JsonDocument.Parse(move.GetProperty("payload").GetString()!).RootElement;
        Assert.Equal(("Task_Look", "cEnd"), (moveFacts.GetProperty("from").GetString(), moveFacts.GetProperty("to").GetString()));
        Assert.Equal("Looked at on paper.", moveFacts.GetProperty("reason").GetString());
    }
}
