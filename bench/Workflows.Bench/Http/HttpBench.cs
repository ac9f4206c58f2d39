using System.Diagnostics;
using Workflows.Bench.Concurrency;
using Workflows.Bench.Measurement;
using Workflows.Bench.Scenarios;
using Workflows.Persistence;

namespace Workflows.Bench.Http;

/// <summary>
/// Scenario (a) over the real HTTP API of a real host process: each client signs in (a real password sign-in, a
/// bearer token) and then, again and again, starts an instance (POST), reads it with its open task (GET) and completes
/// the task (POST), with 1, 8 and 32 clients at once, on SQLite and PostgreSQL; beside it the bare baseline run by as
/// many clients on the same kind of database.
/// </summary>
public static class HttpBench
{
    private const string Manager = "bench-manager@example.edu";
    private const string Password = "Copper-Meadow-Signal-38";

    public static async Task<List<ConcurrencyFigure>> RunAsync(BenchOptions options)
    {
        var figures = new List<ConcurrencyFigure>();
        var scenario = new SingleTaskScenario();
        var bpmn = scenario.Bpmn.Replace("camunda:candidateGroups=\"tech-manager\"", "camunda:candidateGroups=\"technology-manager\"");
        foreach (var provider in options.Providers)
            foreach (var clients in options.Clients)
            {
                var db = await BenchDatabase.CreateAsync(options, provider, $"http-{clients}");
                var data = Path.Combine(options.DataFolder, $"http-{clients}-data");
                var workflows = Path.Combine(options.DataFolder, "http-workflows");
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
                Directory.CreateDirectory(data);
                Directory.CreateDirectory(workflows);
                await using var host = new HostUnderTest(new Dictionary<string, string>
                {
                    ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:Workflows"] = db.ConnectionString,
                    ["Storage:DataPath"] = data, ["Workflows:Path"] = workflows,
                });
                await host.StartAsync();
                using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseAddress };
                var admin = await ApiClient.SignInAsync(http, HostUnderTest.AdminEmail, HostUnderTest.AdminPassword);
                await admin.PostXmlAsync("/api/v1/definitions", bpmn);
                await admin.PostAsync("/api/v1/users", new
                {
                    email = Manager, password = Password, displayName = "Bench manager", language = "en", digest = "immediate",
                    roles = new[] { "technology-manager", "workflow-administrator" },
                });
                var warm = await ApiClient.SignInAsync(http, Manager, Password);
                for (var i = 0; i < 30; i++) await RunInstanceAsync(warm, scenario.ProcessId, $"W-{i}", null, null, null);

                var signIn = new Latencies("sign-in");
                var start = new Latencies("start");
                var read = new Latencies("read");
                var complete = new Latencies("complete");
                var instances = Math.Max(clients, options.HttpInstances);
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
                {
                    var me = await signIn.TimeAsync(() => ApiClient.SignInAsync(http, Manager, Password));
                    for (var i = c; i < instances; i += clients) await RunInstanceAsync(me, scenario.ProcessId, $"H-{i}", start, read, complete);
                })));
                watch.Stop();

                var baselineDb = await BenchDatabase.CreateAsync(options, provider, $"http-{clients}-baseline");
                var (baselineElapsed, baseline) = await BareTransactions.RunAsync(baselineDb, clients, 2 * instances);
                var figure = new ConcurrencyFigure(db.Label, "HTTP", clients, instances,
                    Math.Round(instances / watch.Elapsed.TotalSeconds, 1), Math.Round(2 * instances / watch.Elapsed.TotalSeconds, 1), 0,
                    [signIn.Summary(), start.Summary(), read.Summary(), complete.Summary()],
                    Math.Round(2 * instances / baselineElapsed.TotalSeconds, 1), baseline.Summary());
                figure.Print();
                figures.Add(figure);
            }
        return figures;
    }

    private static async Task RunInstanceAsync(ApiClient client, string processId, string businessKey, Latencies? start, Latencies? read, Latencies? complete)
    {
        async Task<T> Time<T>(Latencies? l, Func<Task<T>> call) => l is null ? await call() : await l.TimeAsync(call);
        var started = await Time(start, () => client.PostAsync("/api/v1/instances", new { processId, businessKey }));
        var id = started!["id"]!.GetValue<Guid>();
        var view = await Time(read, () => client.GetAsync($"/api/v1/instances/{id}"));
        var taskId = view!["openTasks"]![0]!["id"]!.GetValue<Guid>();
        await Time(complete, () => client.PostAsync($"/api/v1/tasks/{taskId}/complete", new { variables = new { } }));
    }
}
