using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Workflows.Testing;

namespace WorkflowHost.Tests;

/// <summary>
/// The real host over the real HTTP stack, on its own data folder (a SQLite file) and workflows folder.
/// Two factories on the same folders are the same installation started twice (give the second the first one's
/// <see cref="Clock"/>, so that time does not go back). The first administrator is <see cref="TestUsers.AdminEmail"/>
/// unless the settings say otherwise (an empty value means "not configured").
/// </summary>
public sealed class HostFactory(string dataPath, string workflowsPath, IReadOnlyDictionary<string, string>? settings = null,
    Action<IServiceCollection>? services = null, TestClock? clock = null) : WebApplicationFactory<Program>
{
    /// <summary>
    /// The host's clock (<see cref="TestClock"/>): it runs with the wall clock, and the test advances it; the timers,
    /// reminders, windows and retries it passes fall due at once (the timer pump wakes; background jobs look at least
    /// every second). Bearer tokens, cookies and lockouts expire on it too.
    /// </summary>
    public TestClock Clock { get; } = clock ?? TestClock.StartingNow();

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

    public static string RepositoryWorkflow(string name) => Path.Combine(RepositoryRoot, "workflows", name);

    /// <summary>The folder of WorkflowHost.sln, above the test's binaries.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException("WorkflowHost.sln not found above " + AppContext.BaseDirectory);
        }
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

    /// <summary>
    /// Rate limits no test of something else runs into: every test host signs the administrator in again and again
    /// from one (test) client address. The tests of the limits themselves set their own (doc/security.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> RelaxedRateLimits = new[]
        { "Anonymous", "SignInPerAddress", "SignInPerAccount", "RefreshPerAddress", "RefreshPerAccount" }
        .ToDictionary(name => $"RateLimits:{name}:PermitLimit", _ => "1000000");
    /// <summary>The host's environment; "Testing" unless a test is about another one (Production's HSTS, its rules).</summary>
    public string EnvironmentName { get; init; } = "Testing";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Storage:DataPath", dataPath);
        builder.UseSetting("Workflows:Path", workflowsPath);
        builder.UseSetting("Bootstrap:AdminEmail", TestUsers.AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", TestUsers.AdminPassword);
        // The tests read the administrator's answers in English; a real installation's first administrator gets its
        // default language (Chinese), which BootstrapAdministratorTests checks with this setting empty.
        builder.UseSetting("Bootstrap:AdminLanguage", "en");
        // Background jobs every second and a pump that looks at least every second (and at once when the clock is
        // advanced past its next timer): tests wait on conditions, not on schedules.
        foreach (var (key, value) in FastJobs) builder.UseSetting(key, value);
        foreach (var (key, value) in RelaxedRateLimits) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(Clock);
            s.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashing.Iterations);
        });
        if (services is not null) builder.ConfigureTestServices(services);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return base.CreateHost(builder);
    }
}
