using Npgsql;
using Workflows.Persistence;

namespace Workflows.Testing;

/// <summary>
/// A fresh, migrated database for one test: a new SQLite file in a temp folder, or a new PostgreSQL database
/// on the server named by <c>WORKFLOWS_TEST_POSTGRES</c> (dropped on dispose).
/// <code>await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres); var store = db.CreateStore();</code>
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "WORKFLOWS_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _databaseName = databaseName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? FilePath => _folder is null ? null : Path.Combine(_folder, "workflows.db");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase db;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.Combine(Path.GetTempPath(), "wf-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            db = new TestDatabase(provider, WorkflowPersistence.SqliteConnectionString(Path.Combine(folder, "workflows.db")), folder, null);
        }
        else
        {
            var admin = PostgresAdminConnectionString();
            var name = "wf_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await command.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
            db = new TestDatabase(provider, builder.ToString(), null, name);
        }
        if (migrate) await WorkflowPersistence.MigrateAsync(provider, db.ConnectionString);
        return db;
    }

    /// <summary>The admin connection string, or a loud failure in CI, where PostgreSQL must never be skipped.</summary>
    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException($"{PostgresVariable} is not set; .ci/run starts PostgreSQL and sets it (see README).");

    /// <summary>Whether the PostgreSQL cases run: when the server is configured, and always in CI (to fail loudly there).</summary>
    public static bool PostgresEnabled =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } ||
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static IEnumerable<DatabaseProvider> Providers =>
        PostgresEnabled ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : [DatabaseProvider.Sqlite];

    public EfWorkflowStore CreateStore() => WorkflowPersistence.CreateStore(Provider, ConnectionString);

    /// <summary>Runs SQL behind the product's back (a dishonest insider with the database), values as <c>@p0</c>, <c>@p1</c>, ...;
    /// a Guid is written as the stores write it (see <see cref="Key"/>).</summary>
    public async Task<int> ExecuteAsync(string sql, params object?[] values)
    {
        await using var connection = WorkflowPersistence.OpenConnection(Provider, ConnectionString);
        await connection.OpenAsync();
        await using var command = SqlCommands.Create(connection, null, sql, values.Select(v => v is Guid g ? Key(g) : v).ToArray());
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>A Guid as EF Core stores it: upper-case text on SQLite, a uuid on PostgreSQL.</summary>
    public object Key(Guid id) => Provider == DatabaseProvider.Sqlite ? id.ToString().ToUpperInvariant() : id;

    public async ValueTask DisposeAsync()
    {
        if (_databaseName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresAdminConnectionString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_folder, recursive: true); }
            catch (IOException) { /* a file still open by a killed child; the temp folder is cleaned later */ }
        }
    }
}
