using System.Diagnostics;
using Workflows.Bench.Measurement;
using Workflows.Bench.Scenarios;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace Workflows.Bench.Concurrency;

/// <summary>
/// Scenario (a) driven by 1, 8 and 32 clients at once in process (each client: start an instance, complete its task,
/// again), on SQLite and PostgreSQL, next to the bare baseline run by as many clients on the same kind of database.
/// </summary>
public static class ConcurrentBench
{
    public static async Task<List<ConcurrencyFigure>> RunAsync(BenchOptions options)
    {
        var figures = new List<ConcurrencyFigure>();
        var scenario = new SingleTaskScenario();
        foreach (var provider in options.Providers)
            foreach (var clients in options.Clients)
            {
                var engineDb = await BenchDatabase.CreateAsync(options, provider, $"concurrent-{clients}");
                await using var store = WorkflowPersistence.CreateStore(provider, engineDb.ConnectionString);
                var runtime = new WorkflowRuntime(store, new ManualTimerScheduler(), []);
                await runtime.PublishAsync(scenario.Bpmn, "bench");
                for (var i = 0; i < 50; i++) await scenario.RunInstanceAsync(runtime, store, i); // warm-up
                var commitsBefore = store.Commits;

                var start = new Latencies("start");
                var complete = new Latencies("complete");
                var instances = options.ConcurrentInstances;
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
                {
                    for (var i = c; i < instances; i += clients)
                    {
                        var instance = await start.TimeAsync(() => runtime.StartAsync(new StartRequest { ProcessId = scenario.ProcessId, BusinessKey = $"C-{i}" }));
                        var taskId = instance.State.Tokens.Single().TaskId!.Value;
                        await complete.TimeAsync(() => runtime.CompleteTaskAsync(taskId, BenchScenario.Manager, null));
                    }
                })));
                watch.Stop();
                var commits = store.Commits - commitsBefore;

                var baselineDb = await BenchDatabase.CreateAsync(options, provider, $"concurrent-{clients}-baseline");
                var (baselineElapsed, baseline) = await BareTransactions.RunAsync(baselineDb, clients, 2 * instances);
                var figure = new ConcurrencyFigure(engineDb.Label, "in process", clients, instances,
                    Math.Round(instances / watch.Elapsed.TotalSeconds, 1), Math.Round(2 * instances / watch.Elapsed.TotalSeconds, 1),
                    Math.Round(2.0 * instances / Math.Max(1, commits), 1),
                    [start.Summary(), complete.Summary()],
                    Math.Round(2 * instances / baselineElapsed.TotalSeconds, 1), baseline.Summary());
                figure.Print();
                figures.Add(figure);
            }
        return figures;
    }
}
