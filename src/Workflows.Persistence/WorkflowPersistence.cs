using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Workflows.Engine.Runtime;
using Workflows.Persistence.Migrations;

namespace Workflows.Persistence;

/// <summary>Registration, the migration at start-up, and connection helpers for the engine's database.</summary>
public static class WorkflowPersistence
{
    public const string Module = "engine";

    /// <summary>
    /// Set once on the file when it is migrated: WAL is a property of the database file and stays on. Every
    /// connection then commits with SQLite's default synchronous=FULL in WAL mode (a crash or power cut loses
    /// nothing committed); Microsoft.Data.Sqlite retries a busy database for the command timeout.
    /// </summary>
    private const string SqliteDurability = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
    private const string ScriptPrefix = "Workflows.Persistence.Migrations";

    /// <summary>Registers <see cref="IWorkflowStore"/> on a pooled EF Core context factory (safe from many requests at once).</summary>
    public static IServiceCollection AddWorkflowPersistence(this IServiceCollection services, DatabaseProvider provider, string connectionString,
        WorkflowStoreOptions? options = null)
    {
        var database = new WorkflowDatabase(provider, Tuned(provider, connectionString));
        services.AddPooledDbContextFactory<WorkflowDbContext>(o => Configure(o, provider, database.ConnectionString));
        services.AddSingleton(database);
        services.AddSingleton<IWorkflowStore>(sp => new EfWorkflowStore(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), database, options));
        return services;
    }

    /// <summary>A store without a container (the command line, the benchmark, tests). Dispose it to close its writer's connection.</summary>
    public static EfWorkflowStore CreateStore(DatabaseProvider provider, string connectionString, WorkflowStoreOptions? options = null)
    {
        var database = new WorkflowDatabase(provider, Tuned(provider, connectionString));
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        Configure(builder, provider, database.ConnectionString);
        return new EfWorkflowStore(new PooledDbContextFactory<WorkflowDbContext>(builder.Options), database, options);
    }

    internal static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite) options.UseSqlite(connectionString);
        else options.UseNpgsql(connectionString);
        options.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
    }

    /// <summary>
    /// On PostgreSQL, statements run often (a step's inserts, the hot reads) are prepared on each physical connection
    /// by Npgsql's automatic preparation, unless the connection string says otherwise.
    /// </summary>
    private static string Tuned(DatabaseProvider provider, string connectionString)
    {
        if (provider != DatabaseProvider.Postgres) return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) &&
            !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    /// <summary>Applies the engine's migration scripts.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(DatabaseProvider provider, string connectionString, CancellationToken ct = default)
    {
        await using var connection = OpenConnection(provider, connectionString);
        await connection.OpenAsync(ct);
        if (provider == DatabaseProvider.Sqlite)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = SqliteDurability;
            await pragma.ExecuteNonQueryAsync(ct);
        }
        var applied = await SchemaMigrator.ApplyAsync(connection, provider, typeof(WorkflowPersistence).Assembly, ScriptPrefix, Module, ct);
        if (provider == DatabaseProvider.Sqlite)
        {
            // The query planner's statistics, refreshed at every start where the tables have changed much (PostgreSQL's
            // autovacuum does this by itself): the inbox's plans depend on knowing which index narrows most.
            await using var optimize = connection.CreateCommand();
            optimize.CommandText = "PRAGMA optimize=0x10002";
            await optimize.ExecuteNonQueryAsync(ct);
        }
        return applied;
    }

    public static DbConnection OpenConnection(DatabaseProvider provider, string connectionString) =>
        provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);

    /// <summary>The connection string of a SQLite file (its folder is created).</summary>
    public static string SqliteConnectionString(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, Cache = SqliteCacheMode.Private }.ToString();
    }
}

/// <summary>Which database the host runs on (for health checks and migrations).</summary>
public sealed record WorkflowDatabase(DatabaseProvider Provider, string ConnectionString)
{
    public Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default) => WorkflowPersistence.MigrateAsync(Provider, ConnectionString, ct);

    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        await using var connection = WorkflowPersistence.OpenConnection(Provider, ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        await command.ExecuteScalarAsync(ct);
        return true;
    }
}
