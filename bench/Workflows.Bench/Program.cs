using System.Text.Json;
using Workflows.Bench;
using Workflows.Bench.Concurrency;
using Workflows.Bench.Http;
using Workflows.Bench.Inbox;
using Workflows.Bench.Notifications;
using Workflows.Bench.Peers;
using Workflows.Bench.Portfolio;
using Workflows.Bench.Serial;
using Workflows.Bench.Timers;

// The benchmark: every figure of bench/README.md in one run (--scenario all), or one group of them. Prints the
// figures as it goes and, last, one JSON object for tools.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
string[] known = ["all", "serial", "single-task", "approval", "concurrent", "http", "timers", "notifications", "inbox", "peers", "portfolio-import"];
if (!known.Contains(options.Scenario))
{
    Console.Error.WriteLine($"unknown scenario '{options.Scenario}'; {BenchOptions.Usage}");
    return 2;
}
Directory.CreateDirectory(options.DataFolder);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"data folder: {options.DataFolder}; PostgreSQL: {(options.Postgres is null ? "none (pass --postgres)" : "yes")}");
var summary = new Dictionary<string, object> { ["cores"] = Environment.ProcessorCount };

async Task Section(string name, string title, Func<Task<object>> run)
{
    if (!options.Runs(name) && !(name == "serial" && options.Scenario is "single-task" or "approval")) return;
    Console.WriteLine();
    Console.WriteLine($"== {title}");
    summary[name] = await run();
}

await Section("serial", "serial: one command at a time (engine on SQLite, bare baseline, in memory)", async () => await SerialBench.RunAsync(options));
await Section("peers", "in memory against the peers, taking turns: start -> user task -> complete -> end", async () => await PeerBench.RunAsync(options));
await Section("concurrent", "concurrent clients in process: scenario (a), beside the bare baseline at the same concurrency", async () => await ConcurrentBench.RunAsync(options));
await Section("http", "concurrent clients over the real HTTP API (a host process, real sign-in): scenario (a), beside the bare baseline", async () => await HttpBench.RunAsync(options));
await Section("timers", "timers: starts with 4 timers against none, the pump's rate, start-up with stored timers; then many due at once", async () => new
{
    issue6 = await TimerBench.RunAsync(options),
    dueAtOnce = await DueTimersBench.RunAsync(options),
});
await Section("notifications", "notifications at volume: the outbox drained into SMTP by real hosts", async () => await NotificationBench.RunAsync(options));
await Section("portfolio-import", "the portfolio import: a register previewed (CSV and .xlsx), committed, and imported again", async () => await PortfolioImportBench.RunAsync(options));
await Section("inbox", "the inbox over a stored office (one manager's page: 25 tasks and the total)", async () => await InboxBench.RunAsync(options));

Console.WriteLine();
Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
return 0;
