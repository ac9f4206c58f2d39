using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace WorkflowHost.Tests.Tour;

/// <summary>
/// doc/api-tour.md runs as written: its bash blocks, in order, concatenated into one script (they share variables
/// and helpers as a reader's shell would), run by bash from the repository root. The tour starts its own host with
/// <c>dotnet run</c>, drives one invention to a recorded licence and stops the host; any step that does not answer
/// as the page says exits non-zero. The host is stopped here too whatever happens (the tour's process group is
/// signalled, and a host still listening on the tour's port is killed by its id).
/// </summary>
public sealed partial class ApiTourTests
{
    /// <summary>Building and starting the host with dotnet run on two loaded cores, then the tour's windows and steps.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(25);

    [Fact]
    public async Task The_api_tour_runs_as_written()
    {
        var root = HostFactory.RepositoryRoot;
        var blocks = BashBlocks(await File.ReadAllTextAsync(Path.Combine(root, "doc", "api-tour.md")));
        Assert.True(blocks.Count >= 5, $"doc/api-tour.md has {blocks.Count} bash blocks; expected the whole tour.");
        Assert.Contains("dotnet run --project src/WorkflowHost", blocks[0]);
        Assert.Contains("kill", blocks[^1]);
        await EnsureToolAsync("jq");
        await EnsureToolAsync("curl");

        var work = Directory.CreateTempSubdirectory("api-tour-").FullName;
        var script = Path.Combine(work, "tour.sh");
        await File.WriteAllTextAsync(script, string.Join("\n", blocks));
        var port = FreePort();
        var log = new StringBuilder();
        var start = new ProcessStartInfo("setsid", ["bash", script])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        // The tour chooses its own settings; nothing of the test run's environment may steer its host.
        foreach (var key in start.Environment.Keys.ToList())
            if (key.Split("__")[0] is "Database" or "ConnectionStrings" or "Storage" or "Bootstrap" or "TechTransfer" or "Workflows" or "ASPNETCORE_URLS")
                start.Environment.Remove(key);
        start.Environment["TOUR_PORT"] = port.ToString();

        using var bash = Process.Start(start)!;
        bash.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        bash.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        bash.BeginOutputReadLine();
        bash.BeginErrorReadLine();
        var finished = false;
        try
        {
            using var timeout = new CancellationTokenSource(Deadline);
            await bash.WaitForExitAsync(timeout.Token);
            finished = true;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (!finished) await StopAsync(bash);
            KillHostsOn(port);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        string output;
        lock (log) output = log.ToString();
        Assert.True(finished, $"The tour did not finish within {Deadline}:\n{Tail(output)}");
        Assert.True(bash.ExitCode == 0, $"The tour failed (exit {bash.ExitCode}):\n{Tail(output)}");
        Assert.Contains("tour complete", output);
    }

    [Fact]
    public void Bash_blocks_are_read_in_order_and_only_bash()
    {
        var blocks = BashBlocks("text\n```bash\necho one\n```\n```json\n{}\n```\nmore\n```bash\necho two\n```\n");
        Assert.Equal(["echo one\n", "echo two\n"], blocks);
    }

    /// <summary>The contents of the ```bash fenced blocks, in order.</summary>
    public static List<string> BashBlocks(string markdown) =>
        BashBlock().Matches(markdown.ReplaceLineEndings("\n")).Select(m => m.Groups["body"].Value).ToList();

    [GeneratedRegex(@"^```bash[ \t]*\n(?<body>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();

    /// <summary>The tour needs jq and curl; Debian's jq is installed when missing and we may (CI runs as root).</summary>
    private static async Task EnsureToolAsync(string tool)
    {
        if (await RunAsync("sh", "-c", $"command -v {tool}") == 0) return;
        await RunAsync("sh", "-c", $"apt-get install -y -q {tool} || (apt-get update -q && apt-get install -y -q {tool})");
        Assert.True(await RunAsync("sh", "-c", $"command -v {tool}") == 0, $"The tour needs {tool}; install it (apt-get install {tool}).");
    }

    private static async Task<int> RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await p.WaitForExitAsync();
        return p.ExitCode;
    }

    /// <summary>SIGTERM to the tour's process group (bash runs its EXIT trap, which stops the host), then SIGKILL.</summary>
    private static async Task StopAsync(Process bash)
    {
        await RunAsync("kill", "-TERM", "--", "-" + bash.Id);
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await bash.WaitForExitAsync(grace.Token); }
        catch (OperationCanceledException) { await RunAsync("kill", "-KILL", "--", "-" + bash.Id); }
    }

    /// <summary>Any process still serving the tour's port (the host, or dotnet run above it) is killed by its id.</summary>
    private static void KillHostsOn(int port)
    {
        var marker = $"127.0.0.1:{port}";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId) continue;
            string cmdline;
            try { cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (!cmdline.Contains(marker, StringComparison.Ordinal) || cmdline.Contains("tour.sh", StringComparison.Ordinal)) continue;
            try { using var p = Process.GetProcessById(pid); p.Kill(entireProcessTree: true); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string output) => output.Length <= 12000 ? output : "...\n" + output[^12000..];
}
