using System.Data.Common;
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
/// Many timers due at once (issue 16: 100,000): instances each waiting on a timer, all made due at the same moment,
/// fired by the host's real <see cref="TimerPump"/> with its default options. Reports timers/s and how late the last fired.
/// The instances are one started through the runtime and copied row by row (new ids), so seeding takes seconds.
/// </summary>
public static class DueTimersBench
{
    public sealed record Figure(string Store, int Timers, double TimersPerSecond, double LastLateSeconds, double StepsPerCommit);

    public static async Task<List<Figure>> RunAsync(BenchOptions options)
    {
        var figures = new List<Figure>();
        foreach (var provider in options.Providers)
        {
            var db = await BenchDatabase.CreateAsync(options, provider, "timers-due");
            await using var store = WorkflowPersistence.CreateStore(provider, db.ConnectionString);
            var queue = new BookmarkTimerQueue(provider, db.ConnectionString);
            var pump = new TimerPump(queue, null!, Options.Create(new TimerPumpOptions()), TimeProvider.System, NullLogger<TimerPump>.Instance);
            var runtime = new WorkflowRuntime(store, pump, []);
            await runtime.PublishAsync(TimerBench.WaitingOn("PT1H"), "bench");
            var template = await runtime.StartAsync(new StartRequest { ProcessId = "due" });
            await CopyAsync(db, template.Id, options.Timers - 1);

            var due = DateTimeOffset.UtcNow;
            await ExecuteAsync(db, "UPDATE wf_bookmarks SET due_at = @p0 WHERE due_at IS NOT NULL", due.UtcTicks);
            var commitsBefore = store.Commits;
            var watch = Stopwatch.StartNew();
            while (await pump.FireDueAsync(runtime, CancellationToken.None) > 0) { }
            var lastLate = DateTimeOffset.UtcNow - due;
            watch.Stop();
            var left = await queue.CountAsync();
            var figure = new Figure(db.Label, options.Timers, Math.Round((options.Timers - left) / watch.Elapsed.TotalSeconds, 1),
                Math.Round(lastLate.TotalSeconds, 1), Math.Round((double)(options.Timers - left) / Math.Max(1, store.Commits - commitsBefore), 1));
            Console.WriteLine($"{figure.Store,-10} {figure.Timers,7} timers due at once: {figure.TimersPerSecond,8:F0} timers/s, the last {figure.LastLateSeconds:F1} s late " +
                              $"({figure.StepsPerCommit:F1} firings per commit){(left > 0 ? $"; {left} NOT FIRED" : "")}");
            figures.Add(figure);
        }
        return figures;
    }

    /// <summary>Copies the template instance and its timer row <paramref name="copies"/> times, with new ids.</summary>
    private static async Task CopyAsync(BenchDatabase db, Guid template, int copies)
    {
        await using var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        object Id(Guid g) => db.Provider == DatabaseProvider.Sqlite ? g.ToString().ToUpperInvariant() : g;
        string state, definitionId, tokenId, elementId;
        Guid bookmark;
        long startedAt;
        await using (var read = SqlCommands.Create(connection, null, """
            SELECT i.state, i.definition_id, i.started_at, b.id, b.token_id, b.element_id
            FROM wf_instances i JOIN wf_bookmarks b ON b.instance_id = i.id WHERE i.id = @p0
            """, Id(template)))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (state, definitionId, startedAt) = (reader.GetString(0), reader.GetString(1), reader.GetInt64(2));
            bookmark = reader.GetValue(3) is Guid g ? g : Guid.Parse(reader.GetString(3));
            (tokenId, elementId) = (reader.GetString(4), reader.GetString(5));
        }
        for (var done = 0; done < copies;)
        {
            await using var tx = await connection.BeginTransactionAsync();
            await using var instance = SqlCommands.Create(connection, tx, """
                INSERT INTO wf_instances (id, definition_id, process_id, definition_version, status, state, version, started_at, open_incidents)
                VALUES (@p0, @p1, 'due', 1, 0, @p2, 1, @p3, 0)
                """, "", definitionId, "", startedAt);
            await using var timer = SqlCommands.Create(connection, tx, """
                INSERT INTO wf_bookmarks (id, instance_id, token_id, element_id, kind, due_at, created_at) VALUES (@p0, @p1, @p2, @p3, 0, @p4, @p5)
                """, "", "", tokenId, elementId, long.MaxValue, startedAt);
            for (var i = 0; i < 5000 && done < copies; i++, done++)
            {
                var (newInstance, newBookmark) = (Guid.NewGuid(), Guid.NewGuid());
                instance.Parameters[0].Value = Id(newInstance);
                instance.Parameters[2].Value = state.Replace(bookmark.ToString(), newBookmark.ToString());
                await instance.ExecuteNonQueryAsync();
                timer.Parameters[0].Value = Id(newBookmark);
                timer.Parameters[1].Value = Id(newInstance);
                await timer.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(BenchDatabase db, string sql, params object[] values)
    {
        await using var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        await using DbCommand command = SqlCommands.Create(connection, null, sql, values);
        await command.ExecuteNonQueryAsync();
    }
}
