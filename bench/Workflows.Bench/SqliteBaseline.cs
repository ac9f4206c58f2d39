using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Workflows.Bench;

/// <summary>
/// The bare baseline: per step, one transaction with one INSERT and one UPDATE of a row of about the size of an
/// instance's state, on a SQLite file with the same durability settings as the engine's store (WAL,
/// synchronous=FULL). What a hand-written app that just records a step would pay.
/// </summary>
public static class SqliteBaseline
{
    public static async Task<TimeSpan> RunAsync(string path, int steps)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        await Execute(connection, """
            CREATE TABLE IF NOT EXISTS bench_items (id TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS bench_steps (id INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL);
            """);

        var state = new string('x', 600);
        var watch = Stopwatch.StartNew();
        string itemId = "";
        for (var i = 0; i < steps; i++)
        {
            if (i % 2 == 0) itemId = Guid.NewGuid().ToString();
            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = tx;
                insert.CommandText = "INSERT INTO bench_steps (item_id, at, data) VALUES ($id, $at, $data)";
                insert.Parameters.AddWithValue("$id", itemId);
                insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
                insert.Parameters.AddWithValue("$data", "{\"event\":\"step\"}");
                await insert.ExecuteNonQueryAsync();
            }
            await using (var upsert = connection.CreateCommand())
            {
                upsert.Transaction = tx;
                upsert.CommandText = "INSERT INTO bench_items (id, state, version) VALUES ($id, $state, 1) " +
                                     "ON CONFLICT(id) DO UPDATE SET state = excluded.state, version = version + 1";
                upsert.Parameters.AddWithValue("$id", itemId);
                upsert.Parameters.AddWithValue("$state", state);
                await upsert.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }
        return watch.Elapsed;
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
