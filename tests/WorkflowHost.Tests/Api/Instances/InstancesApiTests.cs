using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Instances;

public sealed class InstancesApiTests
{
    private static readonly object ReviewVariables = new { reviewDue = "P5D", priority = 50 };

    private static async Task<JsonElement> InstanceAsync(ApiHost host, Guid id) => await host.GetAsync(host.Administrator(), $"/api/v1/instances/{id}");

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Version_2_takes_new_instances_running_ones_stay_and_a_mapping_migrates_a_waiting_one(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Administrator();
        var tina = host.As("tina", ApiHost.Manager);
        await host.PublishAsync("review-v1.bpmn");
        var old = await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-1");
        var oldState = await InstanceAsync(host, old);
        var task = oldState.GetProperty("openTasks")[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await tina.PostAsync($"/api/v1/tasks/{task}/claim", null)).StatusCode);

        await host.PublishAsync("review-v2.bpmn");
        var fresh = await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-2");
        Assert.Equal(2, (await InstanceAsync(host, fresh)).GetProperty("version").GetInt32());
        Assert.Equal(1, (await InstanceAsync(host, old)).GetProperty("version").GetInt32());
        var onV1 = await host.GetAsync(tina, "/api/v1/instances?processId=tech_review&version=1");
        Assert.Equal(1, onV1.GetProperty("total").GetInt32());
        Assert.Equal(old, onV1.GetProperty("items")[0].GetProperty("id").GetGuid());

        // Without the mapping review -> assess: refused, with the problem, and nothing moves.
        var refused = await ApiHost.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/instances/migrations",
            new { processId = "tech_review", targetVersion = 2, instanceIds = new[] { old } }), 422);
        var problem = Assert.Single(refused.GetProperty("problems").EnumerateArray());
        Assert.Equal("missing-mapping", problem.GetProperty("code").GetString());
        Assert.Equal("review", problem.GetProperty("elementId").GetString());
        Assert.Equal(1, (await InstanceAsync(host, old)).GetProperty("version").GetInt32());

        // The office may look, not migrate.
        await ApiHost.ProblemAsync(await tina.PostAsJsonAsync("/api/v1/instances/migrations/plan",
            new { processId = "tech_review", targetVersion = 2, mapping = new Dictionary<string, string> { ["review"] = "assess" } }), 403);

        var plan = await (await admin.PostAsJsonAsync("/api/v1/instances/migrations/plan",
            new { processId = "tech_review", targetVersion = 2, mapping = new Dictionary<string, string> { ["review"] = "assess" } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(plan.GetProperty("canMigrate").GetBoolean());
        var planned = Assert.Single(plan.GetProperty("instances").EnumerateArray());
        Assert.Equal(old, planned.GetProperty("instanceId").GetGuid());
        Assert.Contains(planned.GetProperty("moves").EnumerateArray(), m =>
            m.GetProperty("sourceElementId").GetString() == "review" && m.GetProperty("targetElementId").GetString() == "assess" &&
            m.GetProperty("taskId").GetGuid() == task);

        var migrated = await admin.PostAsJsonAsync("/api/v1/instances/migrations",
            new { processId = "tech_review", targetVersion = 2, sourceVersion = 1, mapping = new Dictionary<string, string> { ["review"] = "assess" } });
        Assert.Equal(HttpStatusCode.OK, migrated.StatusCode);
        var moved = await InstanceAsync(host, old);
        Assert.Equal(2, moved.GetProperty("version").GetInt32());
        var movedTask = moved.GetProperty("openTasks")[0];
        Assert.Equal(task, movedTask.GetProperty("id").GetGuid());
        Assert.Equal("assess", movedTask.GetProperty("elementId").GetString());
        Assert.Equal("tina", movedTask.GetProperty("assignee").GetString());
        var history = await host.GetAsync(tina, $"/api/v1/instances/{old}/history");
        var entry = Assert.Single(history.EnumerateArray(), e => e.GetProperty("event").GetString() == "instanceMigrated");
        Assert.Equal("wendy", entry.GetProperty("actor").GetString());
        Assert.Equal(0, (await host.GetAsync(tina, "/api/v1/instances?processId=tech_review&version=1")).GetProperty("total").GetInt32());

        // It now follows version 2: after the assessment comes the approval, which version 1 does not have.
        Assert.Equal(HttpStatusCode.OK, (await tina.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { variables = new { score = 8 } })).StatusCode);
        Assert.Equal("approve", (await InstanceAsync(host, old)).GetProperty("openTasks")[0].GetProperty("elementId").GetString());
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task State_history_variables_children_and_cancel(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Administrator();
        var head = host.As("olga", "office-head");
        await host.PublishAsync("review-v1.bpmn");
        await host.PublishAsync("caller.bpmn");
        var parent = await host.StartInstanceAsync("caller", ReviewVariables, "INV-7");

        var state = await host.GetAsync(head, $"/api/v1/instances/{parent}");
        Assert.Equal(["callReview"], state.GetProperty("activeElements").EnumerateArray().Select(e => e.GetString()!).ToArray());
        var token = state.GetProperty("tokens")[0];
        Assert.Equal("callActivity", token.GetProperty("elementType").GetString());
        var child = token.GetProperty("childInstanceId").GetGuid();
        var children = await host.GetAsync(head, $"/api/v1/instances/{parent}/children");
        Assert.Equal(child, Assert.Single(children.EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(parent, (await host.GetAsync(head, $"/api/v1/instances/{child}")).GetProperty("parentInstanceId").GetGuid());

        var download = await head.GetAsync($"/api/v1/instances/{child}/variables");
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("P5D", (await download.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviewDue").GetString());

        var history = await host.GetAsync(head, $"/api/v1/instances/{child}/history");
        Assert.Equal("instanceStarted", history[0].GetProperty("event").GetString());
        Assert.Contains(history.EnumerateArray(), e => e.GetProperty("event").GetString() == "taskCreated" && e.GetProperty("elementId").GetString() == "review");

        Assert.Equal(2, (await host.GetAsync(head, "/api/v1/instances?state=running")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await host.GetAsync(head, "/api/v1/instances?businessKey=INV-7&processId=caller")).GetProperty("total").GetInt32());
        Assert.True((await ApiHost.ProblemAsync(await head.GetAsync("/api/v1/instances?state=sleeping"), 400)).GetProperty("errors").TryGetProperty("state", out _));
        await ApiHost.ProblemAsync(await head.GetAsync($"/api/v1/instances/{Guid.NewGuid()}"), 404);
        await ApiHost.ProblemAsync(await head.GetAsync("/api/v1/instances/not-a-guid"), 404);

        // Cancelling: workflow administrators only, with a reason, once.
        await ApiHost.ProblemAsync(await head.PostAsJsonAsync($"/api/v1/instances/{parent}/cancel", new { reason = "withdrawn" }), 403);
        Assert.True((await ApiHost.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/instances/{parent}/cancel", new { reason = "" }), 400))
            .GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/instances/{parent}/cancel", new { reason = "withdrawn" })).StatusCode);
        Assert.Equal("cancelled", (await InstanceAsync(host, parent)).GetProperty("status").GetString());
        await ApiHost.ProblemAsync(await admin.PostAsJsonAsync($"/api/v1/instances/{parent}/cancel", new { reason = "again" }), 409);
        var cancelled = await host.GetAsync(head, $"/api/v1/instances/{parent}/history");
        Assert.Contains(cancelled.EnumerateArray(), e => e.GetProperty("event").GetString() == "instanceCancelled" &&
                                                         e.GetProperty("data").GetProperty("reason").GetString() == "withdrawn");
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Incidents_are_listed_and_retried_at_the_failed_activity(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Administrator();
        await host.PublishAsync("stuck.bpmn");
        // No flow's condition holds and there is no default: an incident at the gateway.
        var instance = await host.StartInstanceAsync("stuck", new { amount = 1 }, "INV-9");
        var incidents = await host.GetAsync(host.As("tina", ApiHost.Manager), "/api/v1/incidents");
        var incident = Assert.Single(incidents.EnumerateArray());
        Assert.Equal("route", incident.GetProperty("elementId").GetString());
        Assert.Single((await host.GetAsync(admin, $"/api/v1/instances/{instance}/incidents")).EnumerateArray());
        var id = incident.GetProperty("id").GetGuid();

        await ApiHost.ProblemAsync(await host.As("tina", ApiHost.Manager).PostAsync($"/api/v1/incidents/{id}/retry", null), 403);
        var retried = await admin.PostAsync($"/api/v1/incidents/{id}/retry", null);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("wendy", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolvedBy").GetString());
        await ApiHost.ProblemAsync(await admin.PostAsync($"/api/v1/incidents/{id}/retry", null), 409);
        await ApiHost.ProblemAsync(await admin.PostAsync($"/api/v1/incidents/{Guid.NewGuid()}/retry", null), 404);

        // The cause is still there, so the retried activity failed again: a new incident at the same element.
        var again = Assert.Single((await host.GetAsync(admin, "/api/v1/incidents")).EnumerateArray());
        Assert.NotEqual(id, again.GetProperty("id").GetGuid());
        Assert.Equal("route", again.GetProperty("elementId").GetString());
        await ApiHost.ProblemAsync(await host.As("ivan", "inventor").GetAsync("/api/v1/incidents"), 403);
    }
}
