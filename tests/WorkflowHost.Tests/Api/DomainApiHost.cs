using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflows.Persistence;
using Workflows.Testing;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WorkflowHost.Identity;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The real host over the real HTTP stack on a fresh database (SQLite file or PostgreSQL) with the shipped workflows
/// and forms, and the people of the tour signed in with bearer tokens: two inventors on the invention, one who is
/// not, a technology manager, the office head, a committee of three (one chairs it). Windows and deadlines are the
/// production figures (a 15-day notice, a 20-working-day listing, ...): a test walks them by advancing the host's
/// clock (<see cref="PassWindowAsync"/>), and everyone's bearer token outlives the jumps. Helpers drive an invention
/// through the process by its endpoints.
/// </summary>
public sealed class DomainApiHost : IAsyncDisposable
{
    public const string Committee = "transfer-committee";

    private readonly TestDatabase _db;
    public HostFactory Host { get; }
    public required TestUser AliceUser { get; init; }
    public required TestUser BobUser { get; init; }
    public required TestUser ChairUser { get; init; }
    public required TestUser Member1User { get; init; }
    public required TestUser Member2User { get; init; }
    public required TestUser ManagerUser { get; init; }
    public required TestUser HeadUser { get; init; }
    /// <summary>The host's data folder (its emails are <c>.eml</c> files in the pickup folder under it).</summary>
    public required string DataPath { get; init; }
    public required HttpClient Admin { get; init; }
    public required HttpClient Alice { get; init; }
    public required HttpClient Bob { get; init; }
    public required HttpClient Carol { get; init; }
    public required HttpClient Manager { get; init; }
    public required HttpClient Head { get; init; }
    public required HttpClient Chair { get; init; }
    public required HttpClient Member1 { get; init; }
    public required HttpClient Member2 { get; init; }

    private DomainApiHost(TestDatabase db, HostFactory host)
    {
        _db = db;
        Host = host;
    }

    /// <summary>The host's database, for tests that tamper with it behind the host's back.</summary>
    public TestDatabase Database => _db;

    public static TheoryData<DatabaseProvider> Providers => new(TestDatabase.Providers);

    public static async Task<DomainApiHost> StartAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(provider, migrate: false);
        var (data, _) = HostFactory.NewFolders();
        var all = HostFactory.DatabaseSettings(db);
        all["Workflows:Path"] = Path.GetDirectoryName(HostFactory.RepositoryWorkflow("invention-transfer.bpmn"))!;
        foreach (var (k, v) in settings ?? new Dictionary<string, string>()) all[k] = v;
        // Signed in once for the whole case, however many days the test's clock jumps.
        // Requests may say which client address they come from (TestClientAddress: the public board's per-address limit).
        var host = new HostFactory(data, all["Workflows:Path"], all, services =>
        {
            services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromDays(400));
            TestClientAddress.Register(services);
        });
        _ = host.Server;

        // One administrator's sign-in for the whole cast (every sign-in and every new password is a deliberately slow hash).
        var admin = await host.SignInAsAdminAsync();
        var alice = await host.CreateSignedInUserAsync(admin, "alice@example.edu", Roles.Inventor);
        var bob = await host.CreateSignedInUserAsync(admin, "bob@example.edu", Roles.Inventor);
        var carol = await host.CreateSignedInUserAsync(admin, "carol@example.edu", Roles.Inventor);
        var manager = await host.CreateSignedInUserAsync(admin, "manager@example.edu", Roles.TechnologyManager);
        var head = await host.CreateSignedInUserAsync(admin, "head@example.edu", Roles.OfficeHead);
        var chair = await host.CreateSignedInUserAsync(admin, "chair@example.edu", Roles.CommitteeMember, Roles.CommitteeChair);
        var member1 = await host.CreateSignedInUserAsync(admin, "member1@example.edu", Roles.CommitteeMember);
        var member2 = await host.CreateSignedInUserAsync(admin, "member2@example.edu", Roles.CommitteeMember);
        await admin.AddToCommitteeAsync(Committee, chair.User.Id, chair: true);
        await admin.AddToCommitteeAsync(Committee, member1.User.Id);
        await admin.AddToCommitteeAsync(Committee, member2.User.Id);
        return new DomainApiHost(db, host)
        {
            AliceUser = alice.User, BobUser = bob.User, ChairUser = chair.User, Member1User = member1.User, Member2User = member2.User,
            ManagerUser = manager.User, HeadUser = head.User, DataPath = data,
            Admin = admin, Alice = alice.Client, Bob = bob.Client, Carol = carol.Client, Manager = manager.Client,
            Head = head.Client, Chair = chair.Client, Member1 = member1.Client, Member2 = member2.Client,
        };
    }

    // ------------------------------------------------------------------ HTTP

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is HttpContent content) request.Content = content;
        else if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true
            ? JsonDocument.Parse(text).RootElement.Clone()
            : default;
        return (response.StatusCode, json);
    }

    /// <summary>A multipart upload of a text file in the part named "file", as the attachments endpoint takes it.</summary>
    public static MultipartFormDataContent TextFile(string name, string type, string text)
    {
        var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return new MultipartFormDataContent { { bytes, "file", name } };
    }

    /// <summary>The JSON answer; fails the test unless the status is the expected one.</summary>
    public static async Task<JsonElement> ExpectAsync(HttpStatusCode expected, HttpClient client, HttpMethod method, string path, object? body = null)
    {
        var (status, json) = await SendAsync(client, method, path, body);
        Assert.True(status == expected, $"{method} {path} answered {(int)status}, expected {(int)expected}: {json}");
        return json;
    }

    public static Task<JsonElement> OkAsync(HttpClient client, HttpMethod method, string path, object? body = null) =>
        ExpectAsync(HttpStatusCode.OK, client, method, path, body);

    /// <summary>Waits until the check holds (the process moves on in the background).</summary>
    public static Task WaitForAsync(string what, Func<Task<bool>> check) => Eventually.HoldsAsync(what, check);

    /// <summary>Waits for a step; on failure says where the case is and which incidents are open.</summary>
    public Task WaitForStepAsync(Guid id, string elementId) => Eventually.HoldsAsync($"step {elementId}", () => StepOpenAsync(id, elementId),
        state: async () => $"the case: {await InventionAsync(id)}\nincidents: {(await SendAsync(Admin, HttpMethod.Get, "/api/v1/incidents")).Body}");

    /// <summary>The host's date today (its clock moves as the test advances it).</summary>
    public string Today => Host.Clock.GetUtcNow().ToString("yyyy-MM-dd");

    /// <summary>Advances the host's clock to just past the end of this open notice, listing or auction window.</summary>
    public async Task PassWindowAsync(Guid id, string method)
    {
        var ends = (await PricingAsync(id, method)).GetProperty("windowEndsAt").GetDateTimeOffset();
        Host.Clock.AdvanceTo(ends + TimeSpan.FromSeconds(1));
    }

    // ------------------------------------------------------------------ the process, step by step

    public async Task<JsonElement> InventionAsync(Guid id) => await OkAsync(Manager, HttpMethod.Get, $"/api/v1/inventions/{id}");

    /// <summary>The task of the case's open step <paramref name="elementId"/>.</summary>
    public async Task<Guid> OpenStepTaskAsync(Guid id, string elementId) =>
        (await InventionAsync(id)).GetProperty("openSteps").EnumerateArray()
        .Single(s => s.GetProperty("elementId").GetString() == elementId).GetProperty("taskId").GetGuid();

    /// <summary>The actions of the case's evidence, in order.</summary>
    public async Task<List<string>> EvidenceActionsAsync(Guid id) =>
        (await OkAsync(Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/evidence")).EnumerateArray().Select(e => e.GetProperty("action").GetString()!).ToList();

    public async Task<bool> StepOpenAsync(Guid id, string elementId) =>
        (await InventionAsync(id)).GetProperty("openSteps").EnumerateArray().Any(s => s.GetProperty("elementId").GetString() == elementId);


    public object Draft(string title = "Low-loss silicon photonic waveguide") => new
    {
        title, field = "Photonics", ipcClass = "G02B 6/12", @abstract = "A waveguide geometry that halves propagation loss.",
        fiscallyFunded = true, fundedProject = "NSFC 62275001", funder = "NSFC", priorArt = "Ridge waveguides.", intendedUses = "Transceivers.",
        inventors = new[] { new { userId = AliceUser.Id, name = "Alice", share = 70m }, new { userId = BobUser.Id, name = "Bob", share = 30m } },
    };

    /// <summary>Alice files and submits a disclosure (by default <see cref="Draft"/>); the process waits at screening.</summary>
    public async Task<Guid> SubmitInventionAsync(object? draft = null)
    {
        var created = await ExpectAsync(HttpStatusCode.Created, Alice, HttpMethod.Post, "/api/v1/inventions", draft ?? Draft());
        var id = created.GetProperty("id").GetGuid();
        await OkAsync(Alice, HttpMethod.Post, $"/api/v1/inventions/{id}/submit");
        await WaitForStepAsync(id, "Task_Screen");
        return id;
    }

    /// <summary>Screened, assessed "file", application recorded (granted the same day unless <paramref name="granted"/> is false): the transfer file is next.</summary>
    public async Task<Guid> InventionReadyForTransferAsync(object? draft = null, bool granted = true)
    {
        var id = await SubmitInventionAsync(draft);
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/screening", new { decision = "accept" });
        await WaitForStepAsync(id, "Task_Score");
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/assessment", new
        {
            technicalValue = 5, marketProspects = 4, legalStrength = 4, draftQuality = 3, strategicFit = 4, assessmentOutcome = "file",
            filingRoute = "CN invention patent",
        });
        await WaitForStepAsync(id, "Task_Apply");
        var today = Today;
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/patent-application", granted
            ? new { applicationNumber = "CN202610123456.7", filingDate = today, patentNumber = "ZL202610123456.7", grantDate = today }
            : (object)new { applicationNumber = "CN202610123456.7", filingDate = today });
        await WaitForStepAsync(id, "Task_Prepare");
        return id;
    }

    /// <summary>The transfer file with this pricing; the committee's review opens.</summary>
    public async Task<Guid> PrepareAsync(Guid id, object transferFile)
    {
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/transfer-file", transferFile);
        Guid review = default;
        await WaitForAsync("the review", async () =>
        {
            var reviews = await OkAsync(Chair, HttpMethod.Get, $"/api/v1/inventions/{id}/reviews");
            if (reviews.GetArrayLength() == 0) return false;
            review = reviews[0].GetProperty("id").GetGuid();
            return true;
        });
        await WaitForAsync("the members' vote tasks", async () => (await OkAsync(Chair, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Vote"));
        return review;
    }

    /// <summary>All three approve; the chair closes; the outcome is approved.</summary>
    public async Task ApproveAsync(Guid review)
    {
        foreach (var member in new[] { Member1, Member2, Chair })
            await OkAsync(member, HttpMethod.Post, $"/api/v1/reviews/{review}/vote", new { vote = "approve", reason = "Sound file." });
        await WaitForAsync("the chair's close task", async () => (await OkAsync(Chair, HttpMethod.Get, "/api/v1/tasks"))
            .GetProperty("items").EnumerateArray().Any(t => t.GetProperty("elementId").GetString() == "Task_Close"));
        var closed = await OkAsync(Chair, HttpMethod.Post, $"/api/v1/reviews/{review}/close", new
        {
            minutes = "Three votes to approve.", attendance = new[] { ChairUser.Id, Member1User.Id, Member2User.Id },
        });
        Assert.Equal("approved", closed.GetProperty("outcome").GetString());
    }

    /// <summary>The signed licence recorded (filed, accepted) and 200,000 yuan of income split: the process ends.</summary>
    public async Task RecordAndCollectAsync(Guid id, Guid agreementId)
    {
        await WaitForStepAsync(id, "Task_File");
        var filing = (await OkAsync(Manager, HttpMethod.Get, $"/api/v1/agreements/{agreementId}/filings"))[0].GetProperty("id").GetGuid();
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/filings/{filing}/submission", new { submittedOn = Today, filingReference = "LR-7" });
        await WaitForStepAsync(id, "Task_Decision");
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/filings/{filing}/decision", new { filingAccepted = true, decidedOn = Today });
        await WaitForStepAsync(id, "Task_Income");
        await OkAsync(Manager, HttpMethod.Post, $"/api/v1/inventions/{id}/income", new { income = 200000, costs = 10000, taxes = 10200 });
        await WaitForAsync("the process to end", async () => (await InventionAsync(id)).GetProperty("processStatus").GetString() == "completed");
    }

    public async Task<JsonElement> PricingAsync(Guid id, string method) =>
        (await OkAsync(Manager, HttpMethod.Get, $"/api/v1/inventions/{id}/pricing")).EnumerateArray()
        .LastOrDefault(p => p.GetProperty("method").GetString() == method);

    public async Task<Guid> WaitForPricingAsync(Guid id, string method, string status)
    {
        Guid pricing = default;
        await WaitForAsync($"{method} {status}", async () =>
        {
            var record = await PricingAsync(id, method);
            if (record.ValueKind != JsonValueKind.Object || record.GetProperty("status").GetString() != status) return false;
            pricing = record.GetProperty("id").GetGuid();
            return true;
        });
        return pricing;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await _db.DisposeAsync();
    }
}
