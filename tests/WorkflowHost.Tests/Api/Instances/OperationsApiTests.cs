using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Instances;

/// <summary>The cockpit's endpoints: per-element activity counts and bulk actions on instances.</summary>
public sealed class OperationsApiTests
{
    private static readonly object ReviewVariables = new { reviewDue = "P5D", priority = 50 };

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Activity_counts_group_open_tasks_and_incidents_per_element_of_a_version(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var tina = host.As("tina", ApiHost.Manager);
        await host.PublishAsync("review-v1.bpmn");
        await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-1");
        await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-2");
        await host.PublishAsync("review-v2.bpmn");
        await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-3");
        await host.PublishAsync("stuck.bpmn");
        await host.StartInstanceAsync("stuck", new { amount = 1 }, "INV-9");

        var v1 = await host.GetAsync(tina, "/api/v1/definitions/tech_review/activity-counts?version=1");
        var review = Assert.Single(v1.GetProperty("elements").EnumerateArray());
        Assert.Equal("review", review.GetProperty("elementId").GetString());
        Assert.Equal(2, review.GetProperty("openTasks").GetInt32());
        Assert.Equal(2, review.GetProperty("active").GetInt32());
        var all = await host.GetAsync(tina, "/api/v1/definitions/tech_review/activity-counts");
        Assert.Equal(3, all.GetProperty("elements").EnumerateArray().Sum(e => e.GetProperty("openTasks").GetInt32()));
        var stuck = Assert.Single((await host.GetAsync(tina, "/api/v1/definitions/stuck/activity-counts")).GetProperty("elements").EnumerateArray());
        Assert.Equal("route", stuck.GetProperty("elementId").GetString());
        Assert.Equal(1, stuck.GetProperty("openIncidents").GetInt32());

        await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/definitions/tech_review/activity-counts?version=7"), 404);
        await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/definitions/nothing/activity-counts"), 404);
        await ApiHost.ProblemAsync(await tina.GetAsync("/api/v1/definitions/tech_review/activity-counts?version=0"), 400);
        await ApiHost.ProblemAsync(await host.As("ivan", "inventor").GetAsync("/api/v1/definitions/tech_review/activity-counts"), 403);
    }

    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Bulk_actions_report_per_instance_what_was_done_and_what_was_refused(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var admin = host.Administrator();
        var created = await host.As("sam", "system-administrator").PostAsJsonAsync("/api/v1/users", new
        {
            email = "bob@tests.example.edu", password = TestUsers.DefaultPassword, displayName = "Bob", language = "en", digest = "immediate",
            roles = new[] { "technology-manager" },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var bob = new TestUser((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!, "bob@tests.example.edu", TestUsers.DefaultPassword);
        await host.PublishAsync("review-v1.bpmn");
        await host.PublishAsync("stuck.bpmn");
        var first = await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-1");
        var second = await host.StartInstanceAsync("tech_review", ReviewVariables, "INV-2");
        var stuck = await host.StartInstanceAsync("stuck", new { amount = 1 }, "INV-9");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/instances/{second}/cancel", new { reason = "duplicate" })).StatusCode);

        async Task<JsonElement> Bulk(object body)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/instances/bulk", body);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        JsonElement Item(JsonElement result, Guid id) => result.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("instanceId").GetGuid() == id);

        // Reassign: the open review task goes to bob; the cancelled one is refused as not running.
        var reassigned = await Bulk(new { action = "reassign", instanceIds = new[] { first, second }, assignee = bob.Email });
        Assert.Equal(1, reassigned.GetProperty("done").GetInt32());
        Assert.Equal(1, Item(reassigned, first).GetProperty("affected").GetInt32());
        Assert.Equal("not-running", Item(reassigned, second).GetProperty("reason").GetString());
        var state = await host.GetAsync(admin, $"/api/v1/instances/{first}");
        Assert.Equal(bob.Id, state.GetProperty("openTasks")[0].GetProperty("assignee").GetString());
        var unknown = await Bulk(new { action = "reassign", instanceIds = new[] { first }, assignee = "nobody@tests.example.edu" });
        Assert.Equal("unknown-user", Item(unknown, first).GetProperty("reason").GetString());

        // Retry: the stuck instance's incident is retried (and fails again); the review instance has none.
        var retried = await Bulk(new { action = "retry", instanceIds = new[] { stuck, first } });
        Assert.Equal("done", Item(retried, stuck).GetProperty("outcome").GetString());
        Assert.Equal("no-incidents", Item(retried, first).GetProperty("reason").GetString());

        // Cancel: the running ones end; the cancelled one and an unknown id are refused, each with its reason.
        var missing = Guid.NewGuid();
        var cancelled = await Bulk(new { action = "cancel", instanceIds = new[] { first, second, stuck, missing }, reason = "withdrawn" });
        Assert.Equal(2, cancelled.GetProperty("done").GetInt32());
        Assert.Equal(2, cancelled.GetProperty("refused").GetInt32());
        Assert.Equal("not-running", Item(cancelled, second).GetProperty("reason").GetString());
        Assert.Equal("not-found", Item(cancelled, missing).GetProperty("reason").GetString());
        Assert.Equal("cancelled", (await host.GetAsync(admin, $"/api/v1/instances/{first}")).GetProperty("status").GetString());

        var invalid = await ApiHost.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/instances/bulk", new { action = "cancel", instanceIds = new[] { first } }), 400);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("reason", out _));
        await ApiHost.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/instances/bulk", new { action = "explode", instanceIds = Array.Empty<Guid>() }), 400);
        await ApiHost.ProblemAsync(await host.As("tina", ApiHost.Manager).PostAsJsonAsync("/api/v1/instances/bulk",
            new { action = "retry", instanceIds = new[] { stuck } }), 403);
    }
}
