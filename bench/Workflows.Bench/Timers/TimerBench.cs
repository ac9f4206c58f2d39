using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkflowHost.Scheduling;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Persistence;
using Workflows.Persistence.Timers;

namespace Workflows.Bench.Timers;

/// <summary>
/// The timer figures of issue 6, with the host's real <see cref="TimerPump"/> as the engine's scheduler, on SQLite:
/// starting instances whose first task sets 4 timers against the same without timers (throughput ratio), the pump
/// firing due timers (timers/s), and the pump's first look at start-up with 0, 4,000 and 40,000 stored timers.
/// </summary>
public static class TimerBench
{
    private const string WithTimers = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="http://workflowhost.org/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="PROCESS" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" camunda:assignee="alice" TASKATTRS />
            BOUNDARY
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static async Task<object> RunAsync(BenchOptions options)
    {
        var instances = options.Instances;
        var plain = WithTimers.Replace("PROCESS", "plain").Replace("TASKATTRS", "").Replace("BOUNDARY", "");
        // 4 timers: three reminders and the escalation at the due date.
        var timed = WithTimers.Replace("PROCESS", "timed").Replace("TASKATTRS", "camunda:dueDate=\"P5D\" wf:reminders=\"P3D,P2D,P1D\"")
            .Replace("BOUNDARY", """
                <bpmn:boundaryEvent id="late" attachedToRef="review"><bpmn:timerEventDefinition><bpmn:timeDate>${dueDate}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="end" />
                """);

        // Alternating rounds on two files, so that the load of a shared machine falls on both alike.
        var plainRuntime = await RuntimeAsync(options, "timers-plain", plain);
        var timedRuntime = await RuntimeAsync(options, "timers-four", timed);
        double plainSeconds = 0, timedSeconds = 0;
        const int rounds = 10;
        for (var round = 0; round < rounds; round++)
        {
            plainSeconds += await StartAsync(plainRuntime.Runtime, "plain", instances / rounds);
            timedSeconds += await StartAsync(timedRuntime.Runtime, "timed", instances / rounds);
        }
        var withoutRate = instances / plainSeconds;
        var withRate = instances / timedSeconds;
        var timers = await new BookmarkTimerQueue(DatabaseProvider.Sqlite, timedRuntime.ConnectionString).CountAsync();
        Console.WriteLine($"start, no timers:  {instances,7} instances = {withoutRate,9:F0} instances/s");
        Console.WriteLine($"start, 4 timers:   {instances,7} instances = {withRate,9:F0} instances/s ({timers} timers stored)");
        Console.WriteLine($"ratio (with timers / without): {withRate / withoutRate:F2} (required: at least 0.5)");

        var firedPerSecond = await FireAsync(options, instances);
        Console.WriteLine($"pump firing:       {instances,7} due timers = {firedPerSecond,9:F0} timers/s");

        var firstLook = new Dictionary<int, double>();
        foreach (var stored in new[] { 0, 4_000, 40_000 })
        {
            firstLook[stored] = await FirstLookAsync(options, stored);
            Console.WriteLine($"pump first look with {stored,6} stored timers: {firstLook[stored],7:F2} ms");
        }
        return new
        {
            instances, startsPerSecondWithoutTimers = Math.Round(withoutRate, 1), startsPerSecondWithFourTimers = Math.Round(withRate, 1),
            timerThroughputRatio = Math.Round(withRate / withoutRate, 3), timersFiredPerSecond = Math.Round(firedPerSecond, 1),
            firstLookMilliseconds = firstLook,
        };
    }

    private static TimerPump Pump(string connectionString) =>
        new(new BookmarkTimerQueue(DatabaseProvider.Sqlite, connectionString), null!, Options.Create(new TimerPumpOptions { BatchSize = 64, Parallelism = Environment.GetEnvironmentVariable("BENCH_PUMP_PARALLELISM") is { } p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : null }),
            TimeProvider.System, NullLogger<TimerPump>.Instance);

    private static async Task<(WorkflowRuntime Runtime, string ConnectionString)> RuntimeAsync(BenchOptions options, string name, string bpmn)
    {
        var connectionString = (await BenchDatabase.CreateAsync(options, DatabaseProvider.Sqlite, name)).ConnectionString;
        var store = WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connectionString);
        var runtime = new WorkflowRuntime(store, Pump(connectionString), []);
        await runtime.PublishAsync(bpmn, "bench");
        var process = name == "timers-plain" ? "plain" : "timed";
        for (var i = 0; i < 50; i++) await runtime.StartAsync(new StartRequest { ProcessId = process }); // warm-up
        return (runtime, connectionString);
    }

    private static async Task<double> StartAsync(WorkflowRuntime runtime, string process, int instances)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < instances; i++) await runtime.StartAsync(new StartRequest { ProcessId = process });
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>Process <c>due</c>: start, an intermediate timer of <paramref name="duration"/>, end.</summary>
    public static string WaitingOn(string duration) => WithTimers.Replace("PROCESS", "due").Replace("<bpmn:userTask id=\"review\" camunda:assignee=\"alice\" TASKATTRS />",
            $"<bpmn:intermediateCatchEvent id=\"review\"><bpmn:timerEventDefinition><bpmn:timeDuration>{duration}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>")
        .Replace("BOUNDARY", "");

    /// <summary>Instances each waiting on one timer that is already due; the pump fires them all.</summary>
    private static async Task<double> FireAsync(BenchOptions options, int count)
    {
        var connectionString = (await BenchDatabase.CreateAsync(options, DatabaseProvider.Sqlite, "timers-fire")).ConnectionString;
        var store = WorkflowPersistence.CreateStore(DatabaseProvider.Sqlite, connectionString);
        var pump = Pump(connectionString);
        var runtime = new WorkflowRuntime(store, pump, []);
        await runtime.PublishAsync(WaitingOn("PT0S"), "bench");
        for (var i = 0; i < count; i++) await runtime.StartAsync(new StartRequest { ProcessId = "due" });
        var watch = Stopwatch.StartNew();
        while (await pump.FireDueAsync(runtime, CancellationToken.None) > 0) { }
        watch.Stop();
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>What a starting host does about stored timers: one look for the next due time (median of 5, ms).</summary>
    private static async Task<double> FirstLookAsync(BenchOptions options, int stored)
    {
        var connectionString = (await BenchDatabase.CreateAsync(options, DatabaseProvider.Sqlite, $"timers-stored-{stored}")).ConnectionString;
        await using (var connection = WorkflowPersistence.OpenConnection(DatabaseProvider.Sqlite, connectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            var due = DateTimeOffset.UtcNow.AddDays(1).UtcTicks;
            for (var i = 0; i < stored; i++)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO wf_bookmarks (id, instance_id, token_id, element_id, kind, due_at, created_at) VALUES ($id, $i, 't', 'e', 0, $due, 0)";
                AddParameter(insert, "$id", Guid.NewGuid().ToString().ToUpperInvariant());
                AddParameter(insert, "$i", Guid.NewGuid().ToString().ToUpperInvariant());
                AddParameter(insert, "$due", due + i);
                await insert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        var queue = new BookmarkTimerQueue(DatabaseProvider.Sqlite, connectionString);
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var now = DateTimeOffset.UtcNow;
            await queue.ClaimDueAsync(now, now.AddMinutes(1), 32);
            await queue.NextDueAsync(now);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(2);
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
