using System.Diagnostics;
using System.Text.Json;
using Workflows.Bench.Scenarios;
using Workflows.Bench.Serial;
using Workflows.Engine.Runtime;

namespace Workflows.Bench.Peers;

/// <summary>
/// In memory against the peers on the same shape (scenario (a): start, a user task, its completion, end), one instance
/// after another: our engine with its in-memory store, WorkflowCore (NuGet) and bpmn-engine (npm, under node). The
/// three take turns, round after round, so that a shared machine's load falls on all alike.
/// </summary>
public static class PeerBench
{
    public sealed record Figure(int Instances, int Rounds, double OursPerSecond, double WorkflowCorePerSecond, double BpmnEnginePerSecond)
    {
        public double OverWorkflowCore => Math.Round(OursPerSecond / WorkflowCorePerSecond, 1);
        public double OverBpmnEngine => Math.Round(OursPerSecond / BpmnEnginePerSecond, 1);
    }

    public static async Task<Figure> RunAsync(BenchOptions options)
    {
        var folder = PeerFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules"))) await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder);
        var scenario = new SingleTaskScenario();
        await SerialBench.RunEngineAsync(scenario, new InMemoryWorkflowStore(), 200); // warm-up
        await using var workflowCore = await WorkflowCorePeer.StartAsync();
        var n = options.PeerInstances;
        TimeSpan ours = default, core = default, js = default;
        for (var round = 0; round < options.PeerRounds; round++)
        {
            ours += (await SerialBench.RunEngineAsync(scenario, new InMemoryWorkflowStore(), n)).Elapsed;
            core += await workflowCore.RunAsync(n);
            var output = await RunAsync("node", ["run.js", n.ToString(System.Globalization.CultureInfo.InvariantCulture)], folder);
            js += TimeSpan.FromMilliseconds(JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("ms").GetDouble());
        }
        var total = n * options.PeerRounds;
        var figure = new Figure(n, options.PeerRounds, Math.Round(total / ours.TotalSeconds, 1), Math.Round(total / core.TotalSeconds, 1), Math.Round(total / js.TotalSeconds, 1));
        Console.WriteLine($"ours, in memory:   {figure.OursPerSecond,9:F0} instances/s ({1000.0 / figure.OursPerSecond:F3} ms each)");
        Console.WriteLine($"WorkflowCore:      {figure.WorkflowCorePerSecond,9:F0} instances/s ({1000.0 / figure.WorkflowCorePerSecond:F3} ms each); ours {figure.OverWorkflowCore}x");
        Console.WriteLine($"bpmn-engine:       {figure.BpmnEnginePerSecond,9:F0} instances/s ({1000.0 / figure.BpmnEnginePerSecond:F3} ms each); ours {figure.OverBpmnEngine}x");
        return figure;
    }

    /// <summary>bench/peers/bpmn-engine, found from the bench's output folder upwards.</summary>
    private static string PeerFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "bench", "peers", "bpmn-engine"))) return Path.Combine(dir.FullName, "bench", "peers", "bpmn-engine");
        throw new DirectoryNotFoundException("bench/peers/bpmn-engine");
    }

    private static async Task<string> RunAsync(string program, string[] arguments, string folder)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }
}
