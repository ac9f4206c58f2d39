using System.Data.Common;
using System.Diagnostics;
using Workflows.Bench.Measurement;
using Workflows.Persistence;

namespace Workflows.Bench;

/// <summary>
/// The bare baseline: per step one transaction with one INSERT and one UPDATE of a row about the size of an instance's
/// state, on the same kind of database with the same durability settings as the engine's store (SQLite: WAL,
/// synchronous=FULL). What a hand-written app that just records a step would pay. Under concurrency each client has
/// its own connection and commits alone, as a web app's requests do.
/// </summary>
public static class BareTransactions
{
    public static async Task<(TimeSpan Elapsed, Latencies Steps)> RunAsync(BenchDatabase db, int clients, int steps)
    {
        await using (var setup = await OpenAsync(db))
            await ExecuteAsync(setup, db.Provider == DatabaseProvider.Sqlite
                ? """
                  CREATE TABLE IF NOT EXISTS bench_items (id TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL);
                  CREATE TABLE IF NOT EXISTS bench_steps (id INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL);
                  """
                : """
                  CREATE TABLE IF NOT EXISTS bench_items (id TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL);
                  CREATE TABLE IF NOT EXISTS bench_steps (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, item_id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL);
                  """);
        var latencies = new Latencies("bare step");
        var state = new string('x', 600);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await using var connection = await OpenAsync(db);
            var itemId = "";
            for (var i = c; i < steps; i += clients)
            {
                if ((i / clients) % 2 == 0) itemId = Guid.NewGuid().ToString();
                await latencies.TimeAsync(async () =>
                {
                    await using var tx = await connection.BeginTransactionAsync();
                    await ExecuteAsync(connection, "INSERT INTO bench_steps (item_id, at, data) VALUES (@p0, @p1, @p2)", tx,
                        itemId, DateTimeOffset.UtcNow.ToString("O"), "{\"event\":\"step\"}");
                    await ExecuteAsync(connection, "INSERT INTO bench_items (id, state, version) VALUES (@p0, @p1, 1) " +
                                                   "ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = bench_items.version + 1", tx, itemId, state);
                    await tx.CommitAsync();
                });
            }
        })));
        return (watch.Elapsed, latencies);
    }

    private static async Task<DbConnection> OpenAsync(BenchDatabase db)
    {
        var connection = WorkflowPersistence.OpenConnection(db.Provider, db.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? tx = null, params object[] values)
    {
        await using var command = SqlCommands.Create(connection, tx, sql, values);
        await command.ExecuteNonQueryAsync();
    }
}
