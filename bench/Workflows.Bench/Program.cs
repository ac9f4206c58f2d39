using System.Diagnostics;
using System.Text.Json;
using Workflows.Bench;
using Workflows.Bench.Scenarios;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

// The benchmark: drives N instances of each scenario through the engine durable on SQLite, the same number of
// steps through a bare insert+update baseline on the same kind of file, and many more through the engine in
// memory; prints the figures and, last, one JSON line for tools.
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.DataFolder);
if (options.Scenario == "timers")
{
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
    var timerFigures = await TimerBench.RunAsync(options);
    Console.WriteLine();
    Console.WriteLine(JsonSerializer.Serialize(timerFigures, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    return 0;
}
BenchScenario[] all = [new SingleTaskScenario(), new ApprovalScenario()];
var scenarios = options.Scenario == "all" ? all : all.Where(s => s.Name == options.Scenario).ToArray();
if (scenarios.Length == 0)
{
    Console.Error.WriteLine($"unknown scenario '{options.Scenario}'; use single-task, approval or all");
    return 2;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
Console.WriteLine($"data folder: {options.DataFolder}");
var results = new List<BenchResult>();
foreach (var scenario in scenarios)
{
    Console.WriteLine();
    Console.WriteLine($"== {scenario.Name}: {scenario.Description}");

    // Durable engine on a fresh SQLite file (a short warm-up first, on its own file, so JIT is not measured).
    await RunEngineAsync(scenario, await DurableStore.CreateSqliteAsync(Path.Combine(options.DataFolder, $"{scenario.Name}-warmup.db")), 50);
    var durable = await RunEngineAsync(scenario, await DurableStore.CreateSqliteAsync(Path.Combine(options.DataFolder, $"{scenario.Name}.db")), options.Instances);
    var durableStepsPerSecond = durable.Steps / durable.Elapsed.TotalSeconds;
    Console.WriteLine($"engine, SQLite:    {options.Instances,7} instances {durable.Steps,8} steps in {durable.Elapsed.TotalSeconds,7:F2} s = {options.Instances / durable.Elapsed.TotalSeconds,9:F0} instances/s {durableStepsPerSecond,9:F0} steps/s");

    var baselineTime = await SqliteBaseline.RunAsync(Path.Combine(options.DataFolder, $"{scenario.Name}-baseline.db"), durable.Steps);
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

var first = results[0];
var summary = new
{
    scenario = first.Scenario,
    instances = first.Instances,
    instancesPerSecond = first.InstancesPerSecond,
    stepsPerSecond = first.StepsPerSecond,
    baselineStepsPerSecond = first.BaselineStepsPerSecond,
    ratio = first.Ratio,
    inMemoryInstancesPerSecond = first.InMemoryInstancesPerSecond,
    cores = Environment.ProcessorCount,
    scenarios = results,
};
Console.WriteLine();
Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
return 0;

static async Task<(int Steps, TimeSpan Elapsed)> RunEngineAsync(BenchScenario scenario, IWorkflowStore store, int instances)
{
    var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), Array.Empty<IServiceTaskHandler>());
    await runtime.PublishAsync(scenario.Bpmn, "bench");
    var steps = 0;
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < instances; i++) steps += await scenario.RunInstanceAsync(runtime, store, i);
    watch.Stop();
    if (store is IDisposable disposable) disposable.Dispose();
    return (steps, watch.Elapsed);
}
