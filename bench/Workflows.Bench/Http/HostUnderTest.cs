using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Workflows.Bench.Http;

/// <summary>
/// The real host as a child process (<c>dotnet WorkflowHost.dll</c> from the bench's output) on 127.0.0.1 with the given
/// settings, in the Production environment, for the figures over the HTTP API and the notification figures.
/// </summary>
public sealed class HostUnderTest(IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _output = new();
    public int Port { get; } = FreePort();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public const string AdminEmail = "bench-admin@example.edu";
    public const string AdminPassword = "Quiet-Harbour-Lantern-71";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WorkflowHost.dll"));
        info.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Bootstrap__AdminEmail"] = AdminEmail;
        info.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The clients stand for many people at many addresses: the sign-in limits, made for one attacker, would refuse them.
        info.Environment["RateLimits__SignInPerAccount__PermitLimit"] = "100000";
        info.Environment["RateLimits__SignInPerAddress__PermitLimit"] = "100000";
        foreach (var (key, value) in settings) info.Environment[key.Replace(":", "__")] = value;
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var until = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the host exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the host did not become healthy:\n{Output}");
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }
}
