using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace WorkflowHost.Tests;

/// <summary>
/// The real host over the real HTTP stack, on its own data folder (a SQLite file) and workflows folder.
/// Two factories on the same folders are the same installation started twice. The first administrator is
/// <see cref="TestUsers.AdminEmail"/> unless the settings say otherwise (an empty value means "not configured").
/// </summary>
public sealed class HostFactory(string dataPath, string workflowsPath, IReadOnlyDictionary<string, string>? settings = null,
    Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) : WebApplicationFactory<Program>
{
    public static (string Data, string Workflows) NewFolders()
    {
        var root = Path.Combine(Path.GetTempPath(), "wf-host-tests", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(root, "data");
        var workflows = Path.Combine(root, "workflows");
        Directory.CreateDirectory(data);
        Directory.CreateDirectory(workflows);
        return (data, workflows);
    }

    /// <summary>The settings that put the host on a test database (SQLite file or PostgreSQL).</summary>
    public static Dictionary<string, string> DatabaseSettings(Workflows.Testing.TestDatabase db) => new()
    {
        ["Database:Provider"] = db.Provider.ToString(),
        ["ConnectionStrings:Workflows"] = db.ConnectionString,
    };

    public static string RepositoryWorkflow(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return Path.Combine(dir.FullName, "workflows", name);
        throw new FileNotFoundException(name);
    }

    /// <summary>Schedules for tests (also given to hosts started as child processes).</summary>
    public static readonly IReadOnlyDictionary<string, string> FastJobs = new Dictionary<string, string>
    {
        ["Scheduler:PollInterval"] = "00:00:01",
        ["Hangfire:PollingInterval"] = "00:00:00.500",
        ["BackgroundJobs:OutboxDispatch"] = "* * * * * *",
        ["BackgroundJobs:EmailDelivery"] = "* * * * * *",
        ["Email:FirstRetryDelay"] = "00:00:00.500",
    };

    /// <summary>The host's environment; "Testing" unless a test is about another one (Production's HSTS, its rules).</summary>
    public string EnvironmentName { get; init; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:DataPath", dataPath);
        builder.UseSetting("Workflows:Path", workflowsPath);
        builder.UseSetting("Bootstrap:AdminEmail", TestUsers.AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", TestUsers.AdminPassword);
        // Background jobs every second and a pump that looks at least every second: tests wait on conditions, not on schedules.
        foreach (var (key, value) in FastJobs) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return base.CreateHost(builder);
    }
}
