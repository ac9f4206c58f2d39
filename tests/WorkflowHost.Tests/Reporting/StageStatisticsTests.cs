using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowHost.Identity;
using WorkflowHost.Reporting;
using WorkflowHost.Tests.Email;

namespace WorkflowHost.Tests.Reporting;

/// <summary>GET /api/v1/admin/statistics over the real HTTP stack, on known data and a clock the test moves.</summary>
public sealed class StageStatisticsTests
{
    /// <summary>A host whose workflows folder holds <paramref name="shipped"/> (files of this folder), published at start-up.</summary>
    private static HostFactory NewHost(params string[] shipped)
    {
        var (data, workflows) = HostFactory.NewFolders();
        foreach (var file in shipped) File.Copy(Path.Combine(AppContext.BaseDirectory, "Reporting", file), Path.Combine(workflows, file));
        return new HostFactory(data, workflows);
    }

    [Fact]
    public async Task Two_completed_stages_of_2_and_4_days_give_an_average_of_3_and_a_90th_percentile_of_4()
    {
        // A cut-down main process and stage, so it is installed as the shipped processes are (at start-up): the API refuses
        // to publish a shipped process without the steps the application refers to (ShippedProcessCheck).
        await using var host = NewHost("stage-timing.bpmn");
        // Bearer tokens expire on the same clock: sign in again after each jump.
        using (var admin = await host.SignInAsAdminAsync()) await StartAsync(admin, "STAT-1");
        host.Clock.Advance(TimeSpan.FromDays(1));
        using (var admin = await host.SignInAsAdminAsync()) await StartAsync(admin, "STAT-2");
        host.Clock.Advance(TimeSpan.FromDays(1));
        using (var admin = await host.SignInAsAdminAsync()) await CompleteAsync(admin, "STAT-1"); // 2 days
        host.Clock.Advance(TimeSpan.FromDays(3));
        using (var admin = await host.SignInAsAdminAsync())
        {
            await CompleteAsync(admin, "STAT-2"); // 4 days
            await StartAsync(admin, "STAT-3");    // still running: not counted in the durations; its task falls due in a day
        }
        host.Clock.Advance(TimeSpan.FromDays(5));

        using var reader = await host.SignInAsAdminAsync();
        var stats = await reader.GetFromJsonAsync<JsonElement>("/api/v1/admin/statistics");
        var disclosure = stats.GetProperty("stageDurations").EnumerateArray().Single(d => d.GetProperty("stage").GetString() == "disclosure");
        Assert.Equal(2, disclosure.GetProperty("completed").GetInt32());
        Assert.Equal(3.0, disclosure.GetProperty("averageDays").GetDouble());
        Assert.Equal(4.0, disclosure.GetProperty("percentile90Days").GetDouble());
        // Every known stage is listed, in the order invention-transfer calls them; those never completed show zeros.
        Assert.Equal(TechTransfer.Processes.ShippedProcesses.Stages, stats.GetProperty("stageDurations").EnumerateArray().Select(d => d.GetProperty("stage").GetString()!).ToList());
        var assessment = stats.GetProperty("stageDurations").EnumerateArray().Single(d => d.GetProperty("stage").GetString() == "pre-filing-assessment");
        Assert.Equal(0, assessment.GetProperty("completed").GetInt32());

        var overdue = stats.GetProperty("overdueTasks");
        Assert.Equal(1, overdue.GetProperty("count").GetInt32());
        Assert.Equal("STAT-3", overdue.GetProperty("items")[0].GetProperty("businessKey").GetString());
        // Every status of an invention is counted (none filed here).
        Assert.Contains(stats.GetProperty("inventionsPerStage").EnumerateArray(), s => s.GetProperty("status").GetString() == "in-review" && s.GetProperty("count").GetInt32() == 0);
    }

    [Fact]
    public async Task A_draft_invention_is_counted_in_its_stage()
    {
        await using var host = NewHost();
        var (inventor, client) = await host.CreateSignedInUserAsync("stat-inventor@example.edu", Roles.Inventor);
        var created = await client.PostAsJsonAsync("/api/v1/inventions", new
        {
            title = "A counted invention", field = "Photonics", @abstract = "x", priorArt = "y", intendedUses = "z",
            inventors = new[] { new { userId = inventor.Id, name = "Inventor", share = 100m } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var admin = await host.SignInAsAdminAsync();
        var stats = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/statistics");
        Assert.Contains(stats.GetProperty("inventionsPerStage").EnumerateArray(), s => s.GetProperty("status").GetString() == "draft" && s.GetProperty("count").GetInt32() == 1);
    }

    [Fact]
    public async Task Administrators_and_the_office_head_read_the_statistics_and_nobody_else()
    {
        await using var host = NewHost();
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/v1/admin/statistics")).StatusCode);
        var (_, manager) = await host.CreateSignedInUserAsync("stat-manager@example.edu", Roles.TechnologyManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/admin/statistics")).StatusCode);
        var (_, head) = await host.CreateSignedInUserAsync("stat-head@example.edu", Roles.OfficeHead);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/api/v1/admin/statistics")).StatusCode);
        using var admin = await host.SignInAsAdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/admin/statistics")).StatusCode);
    }

    [Fact]
    public void The_90th_percentile_is_the_nearest_rank_value()
    {
        Assert.Equal(0, StageStatistics.Percentile90([]));
        Assert.Equal(5, StageStatistics.Percentile90([5]));
        Assert.Equal(4, StageStatistics.Percentile90([4, 2]));
        // Twenty values 1..20: rank ⌈0.9 × 20⌉ = 18.
        Assert.Equal(18, StageStatistics.Percentile90(Enumerable.Range(1, 20).Select(i => (double)i).Reverse().ToList()));
        // Eleven values 1..11: rank ⌈9.9⌉ = 10.
        Assert.Equal(10, StageStatistics.Percentile90(Enumerable.Range(1, 11).Select(i => (double)i).ToList()));
    }

    private static async Task StartAsync(HttpClient admin, string businessKey) =>
        (await admin.PostAsJsonAsync("/api/v1/instances", new { processId = "invention-transfer", businessKey })).EnsureSuccessStatusCode();

    private static async Task CompleteAsync(HttpClient admin, string businessKey)
    {
        var tasks = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?businessKey={businessKey}");
        var id = tasks.GetProperty("items")[0].GetProperty("id").GetString();
        var done = await admin.PostAsJsonAsync($"/api/v1/tasks/{id}/complete", new { variables = new { } });
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());
    }
}
