using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflows.Persistence;

/// <summary>
/// Every SQLite connection commits durably (WAL with synchronous=FULL: a crash or power cut loses nothing that
/// was committed) and waits for a busy writer instead of failing at once.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Sql = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
