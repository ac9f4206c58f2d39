using System.Diagnostics;
using System.Text.Json;
using Workflows.Bench.Http;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;

namespace Workflows.Bench.Notifications;

/// <summary>
/// Notifications at volume (issue 16: 100,000): that many engine notifications in the outbox at once (each a send-task
/// email to an address of its own), drained by real host processes with their real Hangfire jobs (the outbox dispatch
/// and email delivery every second) into an SMTP server. One host on SQLite; one and then two hosts on PostgreSQL.
/// Reports notifications dispatched per second (outbox to email rows) and emails handed to SMTP per second.
/// </summary>
public static class NotificationBench
{
    public sealed record Figure(string Store, int Hosts, int Notifications, double DispatchedPerSecond, double SentPerSecond, int Duplicates);

    public static async Task<List<Figure>> RunAsync(BenchOptions options)
    {
        var figures = new List<Figure>();
        foreach (var provider in options.Providers)
            foreach (var hosts in provider == DatabaseProvider.Sqlite ? [1] : new[] { 1, 2 })
            {
                var figure = await RunAsync(options, provider, hosts);
                Console.WriteLine($"{figure.Store,-10} {hosts} host(s), {figure.Notifications,7} notifications: {figure.DispatchedPerSecond,7:F0} dispatched/s, " +
                                  $"{figure.SentPerSecond,7:F0} emails handed to SMTP/s{(figure.Duplicates > 0 ? $"; {figure.Duplicates} SENT TWICE" : "")}");
                figures.Add(figure);
            }
        return figures;
    }

    private static async Task<Figure> RunAsync(BenchOptions options, DatabaseProvider provider, int hostCount)
    {
        var db = await BenchDatabase.CreateAsync(options, provider, $"notifications-{hostCount}");
        Directory.CreateDirectory(Path.Combine(options.DataFolder, "http-workflows"));
        var count = options.Notifications;
        await SeedAsync(db, count);
        await using var sink = new SmtpSink();
        sink.Start();
        var hosts = new List<HostUnderTest>();
        try
        {
            for (var h = 0; h < hostCount; h++)
            {
                var data = Path.Combine(options.DataFolder, $"notifications-{hostCount}-data-{h}");
                if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
                Directory.CreateDirectory(data);
                var host = new HostUnderTest(new Dictionary<string, string>
                {
                    ["Database:Provider"] = provider.ToString(), ["ConnectionStrings:Workflows"] = db.ConnectionString,
                    ["Storage:DataPath"] = data, ["Workflows:Path"] = Path.Combine(options.DataFolder, "http-workflows"),
                    ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["Email:Smtp:Security"] = "None", ["BackgroundJobs:OutboxDispatch"] = "* * * * * *", ["BackgroundJobs:EmailDelivery"] = "* * * * * *",
                    ["Hangfire:PollingInterval"] = "00:00:00.500",
                });
                hosts.Add(host);
                await host.StartAsync();
            }

            // Everything due at once, now that the hosts are up.
            var watch = Stopwatch.StartNew();
            await ExecuteAsync(db, "UPDATE wf_outbox SET next_attempt_at = NULL");
            TimeSpan? dispatched = null;
            var until = DateTime.UtcNow.AddMinutes(30);
            while (sink.Received < count && DateTime.UtcNow < until)
            {
                await Task.Delay(250);
                if (dispatched is null && await ScalarAsync(db, "SELECT COUNT(*) FROM wf_outbox WHERE processed_at IS NULL") == 0) dispatched = watch.Elapsed;
            }
            var sent = watch.Elapsed;
            dispatched ??= sent;
            return new Figure(db.Label, hostCount, count, Math.Round(count / dispatched.Value.TotalSeconds, 1), Math.Round(sink.Received / sent.TotalSeconds, 1), sink.Duplicates);
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }

    /// <summary>The outbox rows as steps write them, not due yet (a far next attempt) until the hosts run.</summary>
    private static async Task SeedAsync(BenchDatabase db, int count)
    {
        await using var store = WorkflowPersistence.CreateStore(db.Provider, db.ConnectionString);
        for (var done = 0; done < count;)
        {
            var changes = new StepChanges();
            for (var i = 0; i < 2000 && done < count; i++, done++)
            {
                var id = Guid.NewGuid();
                var notification = new Notification
                {
                    Kind = NotificationKinds.SendTask, InstanceId = Guid.NewGuid(), ProcessId = "notice", BusinessKey = $"CN-2026-{done:D6}",
                    ElementId = "tell", ElementName = "公示通知 Public notice", Template = NotificationKinds.SendTask,
                    Addresses = [$"bidder{done}@example.com"], At = DateTimeOffset.UtcNow, EventId = id,
                };
                changes.Outbox.Add(new Engine.Runtime.State.OutboxMessage
                {
                    Id = id, Kind = Engine.Runtime.State.OutboxKinds.Notification, Payload = JsonSerializer.Serialize(notification, EngineJson.Options),
                    CreatedAt = DateTimeOffset.UtcNow, NextAttemptAt = DateTimeOffset.MaxValue.AddDays(-1),
                });
            }
            await store.CommitAsync(changes);
        }
    }

    private static async Task ExecuteAsync(BenchDatabase db, string sql)
    {
        await using var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        await using var command = SqlCommands.Create(connection, null, sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(BenchDatabase db, string sql)
    {
        await using var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        await using var command = SqlCommands.Create(connection, null, sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
