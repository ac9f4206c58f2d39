using System.Diagnostics;
using Workflows.Bench.Scenarios;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace Workflows.Bench.Serial;

/// <summary>
/// One command at a time, as a single user would: each scenario driven N times through the engine durable on SQLite,
/// the same number of steps through the bare baseline on the same kind of file, and many more through the engine in memory.
/// </summary>
public static class SerialBench
{
    public static async Task<List<BenchResult>> RunAsync(BenchOptions options)
    {
        BenchScenario[] all = [new SingleTaskScenario(), new ApprovalScenario()];
        var scenarios = options.Scenario is "single-task" or "approval" ? all.Where(s => s.Name == options.Scenario).ToArray() : all;
        var results = new List<BenchResult>();
        foreach (var scenario in scenarios)
        {
            Console.WriteLine($"-- {scenario.Name}: {scenario.Description}");

            // Durable engine on a fresh SQLite file (a short warm-up first, on its own file, so JIT is not measured).
            await RunEngineAsync(scenario, await SqliteStoreAsync(options, $"{scenario.Name}-warmup"), 50);
            var durable = await RunEngineAsync(scenario, await SqliteStoreAsync(options, scenario.Name), options.Instances);
            var durableStepsPerSecond = durable.Steps / durable.Elapsed.TotalSeconds;
            Console.WriteLine($"engine, SQLite:    {options.Instances,7} instances {durable.Steps,8} steps in {durable.Elapsed.TotalSeconds,7:F2} s = {options.Instances / durable.Elapsed.TotalSeconds,9:F0} instances/s {durableStepsPerSecond,9:F0} steps/s");

            var baselineDb = await BenchDatabase.CreateAsync(options, DatabaseProvider.Sqlite, $"{scenario.Name}-baseline");
            var (baselineTime, _) = await BareTransactions.RunAsync(baselineDb, 1, durable.Steps);
            var baselineStepsPerSecond = durable.Steps / baselineTime.TotalSeconds;
            Console.WriteLine($"baseline, SQLite:  {"",7}           {durable.Steps,8} steps in {baselineTime.TotalSeconds,7:F2} s = {"",9}             {baselineStepsPerSecond,9:F0} steps/s");

            await RunEngineAsync(scenario, new InMemoryWorkflowStore(), 200);
            var memory = await RunEngineAsync(scenario, new InMemoryWorkflowStore(), options.MemoryInstances);
            var memoryInstancesPerSecond = options.MemoryInstances / memory.Elapsed.TotalSeconds;
            Console.WriteLine($"engine, in memory: {options.MemoryInstances,7} instances {memory.Steps,8} steps in {memory.Elapsed.TotalSeconds,7:F2} s = {memoryInstancesPerSecond,9:F0} instances/s {memory.Steps / memory.Elapsed.TotalSeconds,9:F0} steps/s");

            // Engine cost per step over baseline cost per step.
            var ratio = baselineStepsPerSecond / durableStepsPerSecond;
            Console.WriteLine($"ratio (engine cost per step / baseline cost per step): {ratio:F2}");
            results.Add(new BenchResult(scenario.Name, options.Instances, durable.Steps,
                Math.Round(options.Instances / durable.Elapsed.TotalSeconds, 1), Math.Round(durableStepsPerSecond, 1),
                Math.Round(baselineStepsPerSecond, 1), Math.Round(ratio, 3), Math.Round(memoryInstancesPerSecond, 1),
                Math.Round(memory.Steps / memory.Elapsed.TotalSeconds, 1)));
        }
        return results;
    }

    private static async Task<IWorkflowStore> SqliteStoreAsync(BenchOptions options, string name) =>
        WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, (await BenchDatabase.CreateAsync(options, DatabaseProvider.Sqlite, name)).ConnectionString);

    public static async Task<(int Steps, TimeSpan Elapsed)> RunEngineAsync(BenchScenario scenario, IWorkflowStore store, int instances)
    {
        var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), Array.Empty<IServiceTaskHandler>());
        await runtime.PublishAsync(scenario.Bpmn, "bench");
        var steps = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++) steps += await scenario.RunInstanceAsync(runtime, store, i);
        watch.Stop();
        if (store is IAsyncDisposable disposable) await disposable.DisposeAsync();
        return (steps, watch.Elapsed);
    }
}
