using System.Diagnostics;
using System.Text;
using Workflows.Testing;

namespace WorkflowHost.Tests;

/// <summary>
/// The real host as a child process (dotnet WorkflowHost.dll) on 127.0.0.1, started with the given environment
/// and killed with SIGKILL (no graceful shutdown), for crash and cluster tests. Its output is kept for assertions.
/// </summary>
public sealed class HostProcess(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null) : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _output = new();
    public int Port { get; } = Email.SmtpTestServer.FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>A new process (its runtime starts cold, then migrates and publishes) on two loaded cores.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(2);

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WorkflowHost.dll"));
        info.Environment["Urls"] = BaseUrl; // beats the Urls in appsettings.json
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment) info.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        await Eventually.HoldsAsync("the host healthy", async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
            try { return (await http.GetAsync($"{BaseUrl}/health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, StartLimit, () => Task.FromResult(Output));
    }

    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true); // SIGKILL: no graceful shutdown
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(KillAsync());
}
