using System.Data.Common;
using WorkflowHost.Composition;
using Workflows.Persistence;
using Workflows.Persistence.Migrations;

namespace WorkflowHost.Notifications;

/// <summary>The notification tables live in the application's database, as their own migration module.</summary>
public sealed class NotificationDatabase(HostSettings settings)
{
    public const string Module = "notifications";

    public DatabaseProvider Provider => settings.Provider;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await SchemaMigrator.ApplyAsync(connection, settings.Provider, typeof(NotificationDatabase).Assembly,
            "WorkflowHost.Notifications.Migrations", Module, ct);
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = WorkflowPersistence.OpenConnection(settings.Provider, settings.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public static DbCommand Command(DbConnection connection, string sql, params object?[] values) => SqlCommands.Create(connection, null, sql, values);

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params object?[] values)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params object?[] values)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }

    /// <summary>Runs <paramref name="work"/> in one transaction on one connection, committed when it returns.</summary>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var result = await work(connection, tx);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>"Insert unless the key exists", on both databases.</summary>
    public string InsertIgnoringDuplicates(string table, string columns, string values) =>
        settings.Provider == DatabaseProvider.Sqlite
            ? $"INSERT OR IGNORE INTO {table} ({columns}) VALUES ({values})"
            : $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING";
}
