using Npgsql;
using Workflows.Persistence;

namespace Workflows.Bench;

/// <summary>
/// A database for one figure: a SQLite file in the data folder, or a database of its own on the PostgreSQL server
/// given with <c>--postgres</c> (or <c>WORKFLOWS_BENCH_POSTGRES</c>, else <c>WORKFLOWS_TEST_POSTGRES</c>). Fresh unless
/// <c>keep</c>: a kept one (the inbox's seeded million) is reused by the next run.
/// </summary>
public sealed record BenchDatabase(DatabaseProvider Provider, string ConnectionString, string Name)
{
    public static async Task<BenchDatabase> CreateAsync(BenchOptions options, DatabaseProvider provider, string name, bool keep = false)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(options.DataFolder, name + ".db");
            if (!keep)
                foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
            var sqlite = WorkflowPersistence.SqliteConnectionString(path);
            await WorkflowPersistence.MigrateAsync(provider, sqlite);
            return new BenchDatabase(provider, sqlite, name);
        }
        var server = options.Postgres ?? throw new InvalidOperationException("No PostgreSQL server: pass --postgres or set WORKFLOWS_BENCH_POSTGRES.");
        var database = "wf_bench_" + name.Replace('-', '_');
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
            exists.Parameters.AddWithValue("n", database);
            var found = await exists.ExecuteScalarAsync() is not null;
            if (found && !keep)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            if (!found || !keep)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        var cs = new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = true, MaxPoolSize = 200 }.ToString();
        await WorkflowPersistence.MigrateAsync(provider, cs);
        return new BenchDatabase(provider, cs, name);
    }

    public string Label => Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
}
