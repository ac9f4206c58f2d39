using System.Data.Common;
using System.Globalization;

namespace Workflows.Persistence.Commits;

/// <summary>
/// The commit queue's own connection, kept open between batches. On SQLite it is the one connection that writes
/// steps (no contention for the file's write lock among a host's requests), and the hot statements stay prepared
/// on it: a statement is compiled once per connection, not once per step. On PostgreSQL a step's statements go to
/// the server in one round trip (a batch), prepared by Npgsql's automatic preparation.
/// </summary>
internal sealed class WriterConnection : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DatabaseProvider _provider;
    private readonly Dictionary<string, DbCommand> _prepared = new(StringComparer.Ordinal);
    private DbTransaction? _transaction;

    private WriterConnection(DbConnection connection, DatabaseProvider provider)
    {
        _connection = connection;
        _provider = provider;
    }

    public DatabaseProvider Provider => _provider;

    public static async Task<WriterConnection> OpenAsync(DatabaseProvider provider, string connectionString, CancellationToken ct)
    {
        var connection = WorkflowPersistence.OpenConnection(provider, connectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new WriterConnection(connection, provider);
    }

    /// <summary>Starts the batch's transaction (SQLite: BEGIN IMMEDIATE, the write lock taken at once).</summary>
    public async Task BeginAsync(CancellationToken ct) => _transaction = await _connection.BeginTransactionAsync(ct);

    public Task SaveAsync(string savepoint, CancellationToken ct) => Transaction.SaveAsync(savepoint, ct);

    public Task ReleaseAsync(string savepoint, CancellationToken ct) => Transaction.ReleaseAsync(savepoint, ct);

    /// <summary>Undoes what was written since the savepoint (one step of the batch) and drops the savepoint.</summary>
    public async Task RollbackToAsync(string savepoint, CancellationToken ct)
    {
        await Transaction.RollbackAsync(savepoint, ct);
        await Transaction.ReleaseAsync(savepoint, ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        await EndAsync();
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        if (_transaction is null) return;
        try
        {
            await _transaction.RollbackAsync(ct);
        }
        finally
        {
            await EndAsync();
        }
    }

    /// <summary>Runs the statements in order in the open transaction; returns each one's row count.</summary>
    public async Task<int[]> ExecuteAsync(IReadOnlyList<Statement> statements, CancellationToken ct)
    {
        var counts = new int[statements.Count];
        if (statements.Count == 0) return counts;
        if (_connection.CanCreateBatch)
        {
            await using var batch = SqlCommands.Batch(_connection, Transaction, statements.Select(s => (s.Sql, s.Values)));
            await batch.ExecuteNonQueryAsync(ct);
            for (var i = 0; i < counts.Length; i++) counts[i] = batch.BatchCommands[i].RecordsAffected;
            return counts;
        }
        for (var s = 0; s < statements.Count; s++) counts[s] = await Bound(statements[s]).ExecuteNonQueryAsync(ct);
        return counts;
    }

    /// <summary>Reads the first row of a query in the open transaction (null when there is none).</summary>
    public async Task<T?> QueryAsync<T>(Statement statement, Func<DbDataReader, T> read, CancellationToken ct) where T : class
    {
        await using var reader = await Bound(statement).ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? read(reader) : null;
    }

    /// <summary>The statement's prepared command with its values.</summary>
    private DbCommand Bound(Statement statement)
    {
        var command = Prepared(statement);
        for (var i = 0; i < statement.Values.Length; i++) command.Parameters[i].Value = statement.Values[i] ?? DBNull.Value;
        return command;
    }

    /// <summary>The statement's command, compiled on this connection the first time it is seen.</summary>
    private DbCommand Prepared(Statement statement)
    {
        if (!_prepared.TryGetValue(statement.Sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = statement.Sql;
            for (var i = 0; i < statement.Values.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                command.Parameters.Add(p);
            }
            _prepared[statement.Sql] = command;
        }
        command.Transaction = Transaction;
        return command;
    }

    private DbTransaction Transaction => _transaction ?? throw new InvalidOperationException("No batch transaction is open.");

    private async Task EndAsync()
    {
        if (_transaction is not null) await _transaction.DisposeAsync();
        _transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        foreach (var command in _prepared.Values) await command.DisposeAsync();
        _prepared.Clear();
        await _connection.DisposeAsync();
    }
}
