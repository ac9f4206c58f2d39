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
        for (var i = 0; i < values.Length; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            p.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(p);
        }
        return command;
    }
}
