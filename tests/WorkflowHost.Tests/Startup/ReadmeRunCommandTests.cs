using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace WorkflowHost.Tests.Startup;

/// <summary>
/// The README's run command (<c>dotnet run --project src/WorkflowHost</c>, here without building again) as an operator
/// runs it, with no environment chosen and a umask of 000: it runs in Production with the national rules (no launch
/// profile forces Development any more), Kestrel sends no Server header, and the data files are owner-only whatever
/// the umask, because their modes are set explicitly.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes are a Unix matter
public sealed class ReadmeRunCommandTests(ReadmeRunCommandTests.ReadmeHost host) : IClassFixture<ReadmeRunCommandTests.ReadmeHost>
{
    public sealed class ReadmeHost : IAsyncLifetime
    {
        private readonly StringBuilder _output = new();
        private Process? _process;
        private readonly string _root = Directory.CreateTempSubdirectory("wf-readme-run-").FullName;
        /// <summary>Not there yet: the host creates it (under umask 000).</summary>
        public string DataPath => Path.Combine(_root, "data");
        public string BaseUrl { get; } = $"http://127.0.0.1:{Email.SmtpTestServer.FreePort()}";

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public async Task InitializeAsync()
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0/
            var command = $"umask 000 && exec dotnet run --no-build -c {configuration} --project src/WorkflowHost -- --urls {BaseUrl}";
            var start = new ProcessStartInfo("sh", ["-c", command])
            {
                WorkingDirectory = RepositoryRoot(), UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            // As a newcomer's shell: no environment chosen, nothing of the test run's own settings.
            foreach (var key in start.Environment.Keys.ToList())
                if (key is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT" or "ASPNETCORE_URLS" || key.Contains("__", StringComparison.Ordinal))
                    start.Environment.Remove(key);
            start.Environment["Storage__DataPath"] = DataPath;
            start.Environment["Bootstrap__AdminEmail"] = TestUsers.AdminEmail;
            start.Environment["Bootstrap__AdminPassword"] = TestUsers.AdminPassword;
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var http = new HttpClient();
            var until = DateTime.UtcNow.AddMinutes(3); // dotnet run evaluates the project first; two loaded cores
            while (DateTime.UtcNow < until)
            {
                if (_process.HasExited) throw new InvalidOperationException($"dotnet run exited with {_process.ExitCode}:\n{Output}");
                try
                {
                    if ((await http.GetAsync($"{BaseUrl}/health")).IsSuccessStatusCode) return;
                }
                catch (HttpRequestException) { }
                await Task.Delay(250);
            }
            throw new TimeoutException($"The host did not become healthy:\n{Output}");
        }

        public async Task DisposeAsync()
        {
            if (_process is null) return;
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
            try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public void The_readme_run_command_runs_in_Production_with_the_national_rules()
    {
        Assert.Contains("Hosting environment: Production", host.Output);
        Assert.Contains("Rules in force: committee quorum 3, public notice 15.00:00:00, listing 20 working days, auction 1.00:00:00", host.Output);
        Assert.DoesNotContain("TRIAL MODE", host.Output);
    }

    [Fact]
    public async Task Kestrel_sends_no_Server_header_and_every_answer_the_security_headers()
    {
        using var http = new HttpClient();
        foreach (var path in new[] { "/health", "/account/login", "/api/v1/me", "/css/app.css" })
        {
            using var response = await http.GetAsync(host.BaseUrl + path);
            Assert.False(response.Headers.Contains("Server"), $"{path}: Server: {string.Join(",", response.Headers.TryGetValues("Server", out var s) ? s : [])}");
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.StartsWith("default-src 'self'; script-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        // Anyone learns liveness only.
        using var health = JsonDocument.Parse(await http.GetStringAsync(host.BaseUrl + "/health"));
        Assert.Equal(["status"], health.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Data_files_are_owner_only_even_under_umask_000()
    {
        var folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(folder, File.GetUnixFileMode(host.DataPath));
        var database = Path.Combine(host.DataPath, "workflows.db");
        Assert.Equal(file, File.GetUnixFileMode(database));
        Assert.True(File.Exists(database + "-wal"));
        foreach (var journal in new[] { "-wal", "-shm" })
            if (File.Exists(database + journal)) Assert.Equal(file, File.GetUnixFileMode(database + journal));
    }

    [Fact]
    public void No_launch_profile_forces_an_environment()
    {
        var settings = Path.Combine(RepositoryRoot(), "src", "WorkflowHost", "Properties", "launchSettings.json");
        if (!File.Exists(settings)) return; // none: dotnet run takes the environment from the operator, or Production
        using var json = JsonDocument.Parse(File.ReadAllText(settings), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        foreach (var profile in json.RootElement.GetProperty("profiles").EnumerateObject())
            if (profile.Value.TryGetProperty("environmentVariables", out var variables))
                Assert.DoesNotContain(variables.EnumerateObject(), v => v.Name is "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkflowHost.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("No WorkflowHost.sln above " + AppContext.BaseDirectory);
    }
}
