using System.Data.Common;
using System.Globalization;

namespace Workflows.Persistence.Timers;

/// <summary>
/// The engine's <c>wf_bookmarks</c> rows with a due time are the timer queue: nothing is scheduled elsewhere, so
/// a commit that stores a timer has also queued it. A pump claims due rows with a lease (PostgreSQL: the rows
/// are picked with <c>FOR UPDATE SKIP LOCKED</c>, so hosts never wait for or block each other), fires them, and
/// the firing step deletes the row; a lease left behind by a host that died expires and the row is claimed again.
/// </summary>
public sealed class BookmarkTimerQueue(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider => provider;

    /// <summary>Claims up to <paramref name="max"/> bookmarks due at <paramref name="now"/> whose lease is free, until <paramref name="leaseUntil"/>.</summary>
    public async Task<IReadOnlyList<DueBookmark>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken ct = default)
    {
        var lockClause = provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $"""
            UPDATE wf_bookmarks SET lease_until = @p0
            WHERE id IN (SELECT id FROM wf_bookmarks
                         WHERE due_at IS NOT NULL AND due_at <= @p1 AND (lease_until IS NULL OR lease_until <= @p1)
                         ORDER BY due_at LIMIT @p2 {lockClause})
            RETURNING id, due_at
            """;
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, leaseUntil.UtcTicks, now.UtcTicks, max);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claimed = new List<DueBookmark>();
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetValue(0) is Guid g ? g : Guid.Parse(reader.GetString(0));
            claimed.Add(new DueBookmark(id, new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }
        return claimed.OrderBy(b => b.DueAt).ToList();
    }

    /// <summary>
    /// When the next bookmark can be claimed: the earliest due time among free rows, or the earliest lease expiry
    /// among rows claimed by a pump that has not fired them yet. Null when no timer is stored. Two indexed reads.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        long? free, lease;
        await using (var command = Command(connection, """
            SELECT due_at FROM wf_bookmarks WHERE due_at IS NOT NULL AND (lease_until IS NULL OR lease_until <= @p0) ORDER BY due_at LIMIT 1
            """, now.UtcTicks))
            free = await command.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
        await using (var command = Command(connection, "SELECT MIN(lease_until) FROM wf_bookmarks WHERE lease_until IS NOT NULL AND lease_until > @p0", now.UtcTicks))
            lease = await command.ExecuteScalarAsync(ct) is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
        var next = (free, lease) switch
        {
            (null, null) => (long?)null,
            ({ } f, null) => f,
            (null, { } l) => l,
            ({ } f, { } l) => Math.Min(f, l),
        };
        return next is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Hands a claimed bookmark back, to be claimed again at <paramref name="retryAt"/> (firing it failed).</summary>
    public async Task ReleaseAsync(Guid bookmarkId, DateTimeOffset retryAt, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "UPDATE wf_bookmarks SET lease_until = @p0 WHERE id = @p1", retryAt.UtcTicks,
            provider == DatabaseProvider.Sqlite ? bookmarkId.ToString().ToUpperInvariant() : bookmarkId);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>How many bookmarks with a due time are stored (for health and the benchmark).</summary>
    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT COUNT(*) FROM wf_bookmarks WHERE due_at IS NOT NULL");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = WorkflowPersistence.OpenConnection(provider, connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params object[] values) => SqlCommands.Create(connection, null, sql, values);
}
