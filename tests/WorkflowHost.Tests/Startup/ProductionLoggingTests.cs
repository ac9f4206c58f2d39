namespace WorkflowHost.Tests.Startup;

/// <summary>
/// In production the host does not log every EF Core statement, also when it is started from a folder other
/// than its own (before, it then found no appsettings.json and logged each statement at Information).
/// </summary>
public sealed class ProductionLoggingTests
{
    [Fact]
    public async Task A_production_host_started_from_another_folder_logs_no_sql_statements()
    {
        var (data, _) = HostFactory.NewFolders();
        var elsewhere = Path.Combine(data, "cwd");
        Directory.CreateDirectory(elsewhere);
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage:DataPath"] = data,
        }, workingDirectory: elsewhere);
        await host.StartAsync(); // migrates and publishes the shipped workflows: dozens of statements
        using var http = new HttpClient();
        Assert.True((await http.GetAsync(host.BaseUrl + "/health")).IsSuccessStatusCode);
        await host.KillAsync();

        Assert.Contains("Workflow host ready", host.Output); // the host's own information still shows
        Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Database.Command", host.Output);
        Assert.DoesNotContain("Executed DbCommand", host.Output);
    }
}
