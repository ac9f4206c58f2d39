using System.Net.Http.Json;
using System.Text.Json;

namespace WorkflowHost.Tests.Api.Signals;

/// <summary>POST /api/v1/signals over the real HTTP stack: the office broadcasts a signal and every waiting instance moves on.</summary>
public sealed class SignalsApiTests
{
    [Theory, MemberData(nameof(ApiHost.Providers), MemberType = typeof(ApiHost))]
    public async Task Office_broadcasts_a_signal_and_every_waiting_instance_moves_on(string provider)
    {
        await using var host = await ApiHost.StartAsync(provider);
        var tina = host.As("tina", ApiHost.Manager);
        await host.PublishAsync("recall.bpmn");
        var first = await host.StartInstanceAsync("licence_review", businessKey: "INV-1");
        var second = await host.StartInstanceAsync("licence_review", businessKey: "INV-2");

        var response = await tina.PostAsJsonAsync("/api/v1/signals", new { name = "recall", variables = new { recallReason = "patent lapsed" } });

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("recall", result.GetProperty("name").GetString());
        Assert.Equal(2, result.GetProperty("reached").GetInt32());
        foreach (var id in new[] { first, second })
        {
            var state = await host.GetAsync(tina, $"/api/v1/instances/{id}");
            Assert.Equal("reassess", Assert.Single(state.GetProperty("openTasks").EnumerateArray()).GetProperty("elementId").GetString());
            Assert.Equal("patent lapsed", state.GetProperty("variables").GetProperty("recallReason").GetString());
            var history = await host.GetAsync(tina, $"/api/v1/instances/{id}/history");
            var received = Assert.Single(history.EnumerateArray(), e => e.GetProperty("event").GetString() == "signalReceived");
            Assert.Equal("tina", received.GetProperty("actor").GetString());
        }

        // Nothing waits any more: the signal reaches no one, which is no error.
        var again = await host.Administrator().PostAsJsonAsync("/api/v1/signals", new { name = "recall" });
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reached").GetInt32());
    }

    [Fact]
    public async Task A_signal_needs_a_name_and_a_role_that_may_send_it()
    {
        await using var host = await ApiHost.StartAsync("Sqlite");
        var tina = host.As("tina", ApiHost.Manager);

        var missing = await ApiHost.ProblemAsync(await tina.PostAsJsonAsync("/api/v1/signals", new { variables = new { a = 1 } }), 400);
        Assert.True(missing.GetProperty("errors").TryGetProperty("name", out _));
        var tooLong = await ApiHost.ProblemAsync(await tina.PostAsJsonAsync("/api/v1/signals", new { name = new string('s', 201) }), 400);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("name", out _));
        await ApiHost.ProblemAsync(await tina.PostAsJsonAsync("/api/v1/signals", new { name = "recall", variables = "not an object" }), 400);
        await ApiHost.ProblemAsync(await host.As("ivan", "inventor").PostAsJsonAsync("/api/v1/signals", new { name = "recall" }), 403);
        await ApiHost.ProblemAsync(await host.Factory.CreateClient().PostAsJsonAsync("/api/v1/signals", new { name = "recall" }), 401);
        Assert.True((await host.As("olga", "office-head").PostAsJsonAsync("/api/v1/signals", new { name = "recall" })).IsSuccessStatusCode);
    }
}
