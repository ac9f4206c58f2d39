using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Workflows.Testing;

namespace WorkflowHost.UiTests;

/// <summary>
/// Set-up through the REST API (as doc/api-tour.md walks it) for the committee-room and pricing tests: an inventor, a
/// technology manager and a committee of a code of the test's own (chair and two members, every seat votes), and one
/// invention taken from disclosure to an open committee review whose vote steps are waiting. The behaviour under test
/// then happens in the browser.
/// </summary>
public sealed class CommitteeCase
{
    public required string Code { get; init; }
    public required string InventorEmail { get; init; }
    public required string ManagerEmail { get; init; }
    public required string ChairEmail { get; init; }
    public required string Member1Email { get; init; }
    public required string Member2Email { get; init; }
    public required string ChairId { get; init; }
    public required string Member1Id { get; init; }
    public required string Member2Id { get; init; }
    public required string InventionId { get; init; }
    public required string CaseNumber { get; init; }
    public required string ReviewId { get; init; }

    /// <summary>Creates the people and the committee, files and submits the disclosure, and has the office take it to the committee.</summary>
    public static async Task<CommitteeCase> OpenAsync(UiHost host, string code, JsonObject transferFile, string memberLanguage = "en")
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string Email(string who) => $"{who}-{tag}@ui-tests.example.org";
        var inventorId = await host.CreateUserAsync(Email("inventor"), "Li Ming", "en", "inventor");
        await host.CreateUserAsync(Email("manager"), "Wang Fang", "en", "technology-manager");
        var chairId = await host.CreateUserAsync(Email("chair"), "Chair Zhao", "en", "committee-member", "committee-chair");
        var member1Id = await host.CreateUserAsync(Email("member1"), "Member Qian", "en", "committee-member");
        var member2Id = await host.CreateUserAsync(Email("member2"), "Member Sun", memberLanguage, "committee-member");
        await host.CreateCommitteeAsync(code, $"Committee {code}", chairId, member1Id, member2Id);

        using var inventor = await host.ApiAsAsync(Email("inventor"), UiHost.UserPassword);
        var created = await Json(await inventor.PostAsJsonAsync("api/v1/inventions", new
        {
            title = "Low-loss silicon photonic waveguide", field = "Photonics", ipcClass = "G02B 6/12",
            @abstract = "A waveguide geometry that halves propagation loss at 1550 nm.",
            fiscallyFunded = true, fundedProject = "NSFC 62275001", funder = "National Natural Science Foundation of China",
            priorArt = "Ridge waveguides with thermal oxide cladding.", intendedUses = "Optical transceivers; lidar.",
            inventors = new[] { new { userId = inventorId, name = "Li Ming", share = 100 } },
        }));
        var inventionId = created["id"]!.GetValue<string>();
        var caseNumber = created["caseNumber"]!.GetValue<string>();
        using (var upload = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes("Measured loss: 0.8 dB/cm at 1550 nm.\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            upload.Add(file, "file", "measurements.txt");
            await Json(await inventor.PostAsync($"api/v1/inventions/{inventionId}/attachments", upload));
        }
        await Json(await inventor.PostAsync($"api/v1/inventions/{inventionId}/submit", null));

        using var manager = await host.ApiAsAsync(Email("manager"), UiHost.UserPassword);
        await StepAsync(manager, inventionId, "Task_Screen", "screening", new JsonObject { ["decision"] = "accept" });
        await StepAsync(manager, inventionId, "Task_Score", "assessment", new JsonObject
        {
            ["technicalValue"] = 5, ["marketProspects"] = 4, ["legalStrength"] = 4, ["draftQuality"] = 3, ["strategicFit"] = 4,
            ["assessmentOutcome"] = "file", ["filingRoute"] = "CN invention patent", ["assessmentReasons"] = "Strong results; two makers asked about it.",
        });
        await StepAsync(manager, inventionId, "Task_Apply", "patent-application", new JsonObject
        {
            ["applicationNumber"] = "CN202610123456.7", ["filingDate"] = host.Clock.GetUtcNow().ToString("yyyy-MM-dd"),
        });
        transferFile["committeeId"] = code;
        await StepAsync(manager, inventionId, "Task_Prepare", "transfer-file", transferFile);

        using var chair = await host.ApiAsAsync(Email("chair"), UiHost.UserPassword);
        var reviewId = "";
        await WaitAsync("the review", async () =>
        {
            var reviews = await chair.GetFromJsonAsync<JsonArray>($"api/v1/inventions/{inventionId}/reviews");
            reviewId = reviews is [JsonObject first, ..] ? first["id"]!.GetValue<string>() : "";
            return reviewId != "";
        });
        using var member2 = await host.ApiAsAsync(Email("member2"), UiHost.UserPassword);
        await WaitAsync("the members' vote steps", async () =>
            (await member2.GetStringAsync($"api/v1/tasks?businessKey={Uri.EscapeDataString(caseNumber)}")).Contains("Task_Vote"));

        return new CommitteeCase
        {
            Code = code, InventorEmail = Email("inventor"), ManagerEmail = Email("manager"), ChairEmail = Email("chair"),
            Member1Email = Email("member1"), Member2Email = Email("member2"), ChairId = chairId, Member1Id = member1Id, Member2Id = member2Id,
            InventionId = inventionId, CaseNumber = caseNumber, ReviewId = reviewId,
        };
    }

    /// <summary>The whole committee approves through the REST API and the chair closes (set-up for the pricing tests).</summary>
    public async Task ApproveAsync(UiHost host)
    {
        foreach (var email in new[] { ChairEmail, Member1Email, Member2Email })
        {
            using var member = await host.ApiAsAsync(email, UiHost.UserPassword);
            await Json(await member.PostAsJsonAsync($"api/v1/reviews/{ReviewId}/vote", new { vote = "approve", reason = "Sound valuation and a clear market." }));
        }
        using var chair = await host.ApiAsAsync(ChairEmail, UiHost.UserPassword);
        await WaitAsync("the chair's close step", async () =>
            (await chair.GetStringAsync($"api/v1/tasks?businessKey={Uri.EscapeDataString(CaseNumber)}")).Contains("Task_Close"));
        await Json(await chair.PostAsJsonAsync($"api/v1/reviews/{ReviewId}/close", new
        {
            minutes = "The file was presented; three votes to approve.", attendance = new[] { ChairId, Member1Id, Member2Id },
        }));
    }

    /// <summary>The invention's pricing record of this method, once the process has opened it.</summary>
    public async Task<string> PricingAsync(UiHost host, string method)
    {
        using var manager = await host.ApiAsAsync(ManagerEmail, UiHost.UserPassword);
        var id = "";
        await WaitAsync($"the {method} record", async () =>
        {
            var records = await manager.GetFromJsonAsync<JsonArray>($"api/v1/inventions/{InventionId}/pricing");
            id = records!.OfType<JsonObject>().FirstOrDefault(r => r["method"]!.GetValue<string>() == method)?["id"]!.GetValue<string>() ?? "";
            return id != "";
        });
        return id;
    }

    private static async Task StepAsync(HttpClient manager, string inventionId, string elementId, string endpoint, JsonObject body)
    {
        await WaitAsync(elementId, async () =>
            (await manager.GetFromJsonAsync<JsonObject>($"api/v1/inventions/{inventionId}"))!["openSteps"]!.AsArray()
            .Any(s => s!["elementId"]!.GetValue<string>() == elementId));
        await Json(await manager.PostAsJsonAsync($"api/v1/inventions/{inventionId}/{endpoint}", body));
    }

    public static async Task<JsonObject> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text) as JsonObject ?? new JsonObject();
    }

    /// <summary>Waits until the condition holds (the engine moves on in the background).</summary>
    public static Task WaitAsync(string what, Func<Task<bool>> condition) => Eventually.HoldsAsync(what, condition);
}
