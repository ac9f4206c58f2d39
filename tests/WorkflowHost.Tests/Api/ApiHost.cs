using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Workflows.Persistence;
using Workflows.Testing;

namespace WorkflowHost.Tests.Api;

/// <summary>
/// The real host over the real HTTP stack on a fresh SQLite file or PostgreSQL database, with callers named by the
/// test-only header scheme (until accounts exist) and a forms folder of the test's own.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public const string Admin = "workflow-administrator";
    public const string Manager = "technology-manager";

    private readonly TestDatabase? _database;

    private ApiHost(HostFactory factory, TestDatabase? database, string formsPath)
    {
        Factory = factory;
        _database = database;
        FormsPath = formsPath;
    }

    public HostFactory Factory { get; }
    public string FormsPath { get; }

    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var p in TestDatabase.Providers) data.Add(p.ToString());
            return data;
        }
    }

    public static async Task<ApiHost> StartAsync(string provider, IReadOnlyDictionary<string, string>? extra = null)
    {
        var (data, workflows) = HostFactory.NewFolders();
        var forms = Path.Combine(Path.GetDirectoryName(workflows)!, "forms");
        Directory.CreateDirectory(forms);
        var settings = new Dictionary<string, string> { ["Workflows:FormsPath"] = forms };
        TestDatabase? database = null;
        if (Enum.Parse<DatabaseProvider>(provider) == DatabaseProvider.Postgres)
        {
            database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, migrate: false);
            settings["Database:Provider"] = "Postgres";
            settings["ConnectionStrings:Workflows"] = database.ConnectionString;
        }
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) settings[k] = v;
        var host = new ApiHost(new HostFactory(data, workflows, settings, HeaderAuthenticationHandler.Register), database, forms);
        _ = host.Factory.CreateClient(); // start it
        return host;
    }

    public HttpClient As(string user, params string[] roles)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-User", user);
        // The API tests read messages in English; a caller without a language gets Chinese (LocalizedProblemTests).
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        if (roles.Length > 0) client.DefaultRequestHeaders.Add("X-Test-Roles", string.Join(",", roles));
        return client;
    }

    public HttpClient Administrator() => As("wendy", Admin);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Api", "Fixtures", name));

    public static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "application/xml");

    public async Task<JsonElement> PublishAsync(string fixture)
    {
        var response = await Administrator().PostAsync("/api/v1/definitions", Xml(Fixture(fixture)));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>())[0];
    }

    public async Task<Guid> StartInstanceAsync(string processId, object? variables = null, string? businessKey = null, int? version = null)
    {
        var response = await Administrator().PostAsJsonAsync("/api/v1/instances", new { processId, version, businessKey, variables });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Reads a problem-details answer and checks its shape (RFC 9457: status and title; JSON problem media type).</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static MediaTypeHeaderValue Type(string type) => new(type);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }
}
