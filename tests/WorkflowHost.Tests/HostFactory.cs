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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataPath", dataPath);
        builder.UseSetting("Workflows:Path", workflowsPath);
        builder.UseSetting("Scheduler:InstanceName", "test-" + Guid.NewGuid().ToString("N")[..8]);
        builder.UseSetting("Email:PollInterval", "00:00:00.200");
        builder.UseSetting("Bootstrap:AdminEmail", TestUsers.AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", TestUsers.AdminPassword);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        return base.CreateHost(builder);
    }
}
