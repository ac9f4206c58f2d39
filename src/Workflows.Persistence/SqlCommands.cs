using System.Data.Common;
using System.Globalization;

namespace Workflows.Persistence;

/// <summary>
/// A raw SQL statement with positional parameters <c>@p0</c>, <c>@p1</c>, ... (null becomes <see cref="DBNull"/>), for
/// the statements EF Core does not write: the commit writer, the timer queue's claims and the host's own modules.
/// </summary>
public static class SqlCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, params object?[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Bind(command.Parameters, command.CreateParameter, values);
        return command;
    }

    /// <summary>Statements sent to the server together (one round trip on PostgreSQL), each with its own values.</summary>
    public static DbBatch Batch(DbConnection connection, DbTransaction? transaction, IEnumerable<(string Sql, object?[] Values)> statements)
    {
        var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var (sql, values) in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            Bind(command.Parameters, command.CreateParameter, values);
            batch.BatchCommands.Add(command);
        }
        return batch;
    }

    /// <summary>
    /// Runs one statement for many rows of values in the transaction: in one batch where the provider has batches
    /// (PostgreSQL: one round trip), else as one prepared command run once per row (SQLite, in process). Returns the
    /// rows affected in all.
    /// </summary>
    public static async Task<int> ExecuteManyAsync(DbConnection connection, DbTransaction? transaction, string sql,
        IReadOnlyList<object?[]> rows, CancellationToken ct = default)
    {
        if (rows.Count == 0) return 0;
        if (connection.CanCreateBatch)
        {
            await using var batch = Batch(connection, transaction, rows.Select(values => (sql, values)));
            return await batch.ExecuteNonQueryAsync(ct);
        }
        await using var command = Create(connection, transaction, sql, rows[0]);
        var affected = 0;
        foreach (var values in rows)
        {
            for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
            affected += await command.ExecuteNonQueryAsync(ct);
        }
        return affected;
    }

    /// <summary>Binds <paramref name="values"/> as @p0, @p1, ... (null as NULL).</summary>
    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var p = create();
            p.ParameterName = Name(i);
            p.Value = values[i] ?? DBNull.Value;
            parameters.Add(p);
        }
    }

    private static string Name(int i) => "@p" + i.ToString(CultureInfo.InvariantCulture);
}
