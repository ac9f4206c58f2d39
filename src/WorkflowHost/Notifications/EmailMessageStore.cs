using System.Data.Common;
using System.Globalization;
using System.Text;
using Workflows.Persistence;

namespace WorkflowHost.Notifications;

/// <summary>
/// The one owner of the <c>email_messages</c> table: rows are added by the dispatcher and the digest, claimed
/// and settled by the delivery job, listed and retried by administrators. Timestamps are UTC ticks.
/// </summary>
public sealed class EmailMessageStore(NotificationDatabase db)
{
    private const string Columns = "id, idempotency_key, kind, to_address, to_name, to_user_id, language, subject, text_body, html_body, task_id, status, attempts, next_attempt_at, last_error, created_at, failing_since";

    private static EmailMessage Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Text(r, 4), Text(r, 5), r.GetString(6), r.GetString(7), r.GetString(8),
        r.GetString(9), Text(r, 10), (EmailStatus)Convert.ToInt32(r.GetValue(11), CultureInfo.InvariantCulture),
        Convert.ToInt32(r.GetValue(12), CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(13), CultureInfo.InvariantCulture), Text(r, 14),
        new DateTimeOffset(Convert.ToInt64(r.GetValue(15), CultureInfo.InvariantCulture), TimeSpan.Zero),
        r.IsDBNull(16) ? null : new DateTimeOffset(Convert.ToInt64(r.GetValue(16), CultureInfo.InvariantCulture), TimeSpan.Zero));

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private const string ValueList = "@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15, @p16";

    private static object?[] Values(EmailMessage m) =>
    [
        m.Id, m.IdempotencyKey, m.Kind, m.To, m.ToName, m.ToUserId, m.Language, m.Subject, m.Text, m.Html, m.TaskId, (int)m.Status,
        m.Attempts, m.NextAttemptAt, m.LastError, m.CreatedAt.UtcTicks, m.FailingSince?.UtcTicks,
    ];

    /// <summary>Adds an email unless one with the same key exists (a re-run of the same event sends nothing twice).</summary>
    public Task<int> AddAsync(EmailMessage m, CancellationToken ct) =>
        db.ExecuteAsync(db.InsertIgnoringDuplicates("email_messages", Columns, ValueList), ct, Values(m));

    /// <summary>Adds many emails in one transaction, each unless its key exists. Returns how many were new.</summary>
    public async Task<int> AddManyAsync(IReadOnlyList<EmailMessage> messages, CancellationToken ct)
    {
        if (messages.Count == 0) return 0;
        return await db.InTransactionAsync((connection, tx) => SqlCommands.ExecuteManyAsync(connection, tx,
            db.InsertIgnoringDuplicates("email_messages", Columns, ValueList), messages.Select(Values).ToList(), ct), ct);
    }

    /// <summary>
    /// Claims up to <paramref name="max"/> pending emails due at <paramref name="now"/> until <paramref name="leaseUntil"/>, in one
    /// statement (PostgreSQL: rows another host is claiming are skipped, not waited for): only the host whose claim
    /// took a row sends it, so two hosts never send the same email, and each host takes its own share of the queue.
    /// </summary>
    public Task<List<EmailMessage>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max,
        IReadOnlyCollection<string> skip, CancellationToken ct)
    {
        var values = new List<object?> { leaseUntil.UtcTicks, (int)EmailStatus.Pending, now.UtcTicks, max };
        var skipping = skip.Count == 0 ? "" : " AND id NOT IN (" + string.Join(", ", skip.Select((id, i) =>
        {
            values.Add(id);
            return "@p" + (4 + i).ToString(CultureInfo.InvariantCulture);
        })) + ")";
        var lockClause = db.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        return db.QueryAsync($"""
            UPDATE email_messages SET next_attempt_at = @p0
            WHERE id IN (SELECT id FROM email_messages WHERE status = @p1 AND next_attempt_at <= @p2{skipping}
                         ORDER BY next_attempt_at LIMIT @p3 {lockClause})
            RETURNING {Columns}
            """, Read, ct, values.ToArray());
    }

    /// <summary>Hands claimed emails back, due at <paramref name="now"/>, unless their claim has moved on.</summary>
    public Task<int> ReleaseAsync(IReadOnlyCollection<string> ids, DateTimeOffset leaseUntil, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Count == 0) return Task.FromResult(0);
        var values = new List<object?> { now.UtcTicks, (int)EmailStatus.Pending, leaseUntil.UtcTicks };
        var list = string.Join(", ", ids.Select((id, i) =>
        {
            values.Add(id);
            return "@p" + (3 + i).ToString(CultureInfo.InvariantCulture);
        }));
        return db.ExecuteAsync($"UPDATE email_messages SET next_attempt_at = @p0 WHERE status = @p1 AND next_attempt_at = @p2 AND id IN ({list})", ct, values.ToArray());
    }

    public Task<int> MarkSentAsync(string id, int attempts, DateTimeOffset at, CancellationToken ct) =>
        db.ExecuteAsync(MarkSent, ct, (int)EmailStatus.Sent, attempts, at.UtcTicks, id);

    /// <summary>Records a batch's sent emails in one transaction.</summary>
    public Task MarkSentAsync(IReadOnlyList<(string Id, int Attempts)> sent, DateTimeOffset at, CancellationToken ct) =>
        sent.Count == 0 ? Task.CompletedTask : db.InTransactionAsync((connection, tx) => SqlCommands.ExecuteManyAsync(connection, tx, MarkSent,
            sent.Select(s => new object?[] { (int)EmailStatus.Sent, s.Attempts, at.UtcTicks, s.Id }).ToList(), ct), ct);

    private const string MarkSent = "UPDATE email_messages SET status = @p0, attempts = @p1, sent_at = @p2, last_error = NULL WHERE id = @p3";

    public Task<int> MarkFailedAsync(string id, int attempts, bool dead, DateTimeOffset nextAttempt, DateTimeOffset failingSince, string error, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE email_messages SET status = @p0, attempts = @p1, next_attempt_at = @p2, failing_since = @p3, last_error = @p4 WHERE id = @p5",
            ct, (int)(dead ? EmailStatus.Dead : EmailStatus.Pending), attempts, nextAttempt.UtcTicks, failingSince.UtcTicks,
            error.Length > 2000 ? error[..2000] : error, id);

    public async Task<EmailMessage?> FindAsync(string id, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {Columns} FROM email_messages WHERE id = @p0", Read, ct, id)).FirstOrDefault();

    public Task<List<EmailMessage>> ListAsync(EmailStatus status, CancellationToken ct) =>
        db.QueryAsync($"SELECT {Columns} FROM email_messages WHERE status = @p0 ORDER BY created_at", Read, ct, (int)status);

    /// <summary>Dead emails matching the filter.</summary>
    public Task<List<EmailMessage>> ListDeadAsync(DeadEmailFilter filter, CancellationToken ct)
    {
        var (where, values) = DeadWhere(filter, 0);
        return db.QueryAsync($"SELECT {Columns} FROM email_messages WHERE {where} ORDER BY created_at", Read, ct, values);
    }

    /// <summary>Puts dead emails back in the queue, due now, with a fresh day of retries. Returns how many.</summary>
    public Task<int> RetryDeadAsync(DeadEmailFilter filter, DateTimeOffset now, CancellationToken ct)
    {
        var (where, values) = DeadWhere(filter, 2);
        return db.ExecuteAsync($"UPDATE email_messages SET status = @p0, attempts = 0, failing_since = NULL, next_attempt_at = @p1 WHERE {where}", ct,
            [(int)EmailStatus.Pending, now.UtcTicks, .. values]);
    }

    /// <summary>Retries one dead email; false when there is no dead email with that id.</summary>
    public async Task<bool> RetryAsync(string id, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE email_messages SET status = @p0, attempts = 0, failing_since = NULL, next_attempt_at = @p1 WHERE id = @p2 AND status = @p3",
            ct, (int)EmailStatus.Pending, now.UtcTicks, id, (int)EmailStatus.Dead) == 1;

    private static (string Where, object?[] Values) DeadWhere(DeadEmailFilter filter, int first)
    {
        var where = new StringBuilder($"status = @p{first}");
        var values = new List<object?> { (int)EmailStatus.Dead };
        void Add(string clause, object value)
        {
            where.Append(" AND ").Append(clause.Replace("@x", "@p" + (first + values.Count).ToString(CultureInfo.InvariantCulture)));
            values.Add(value);
        }
        if (!string.IsNullOrWhiteSpace(filter.To)) Add("LOWER(to_address) = @x", filter.To.Trim().ToLowerInvariant());
        if (!string.IsNullOrWhiteSpace(filter.Kind)) Add("kind = @x", filter.Kind.Trim());
        if (filter.Since is { } since) Add("created_at >= @x", since.UtcTicks);
        return (where.ToString(), values.ToArray());
    }

    /// <summary>Emails held for a digest that were created before <paramref name="before"/>.</summary>
    public Task<List<EmailMessage>> HeldBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        db.QueryAsync($"SELECT {Columns} FROM email_messages WHERE status = @p0 AND created_at < @p1 ORDER BY created_at", Read, ct,
            (int)EmailStatus.Digest, before.UtcTicks);

    /// <summary>
    /// Adds the digest and marks the held emails it gathers, in one transaction. If that recipient's digest for
    /// the day exists already (another host, an earlier run), nothing is marked: the emails stay held for the
    /// next digest instead of being marked as sent without being sent. Returns whether this call made it.
    /// </summary>
    public async Task<bool> AddDigestAsync(EmailMessage digest, IEnumerable<string> gathered, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        async Task<int> Run(string sql, params object?[] values)
        {
            await using var command = NotificationDatabase.Command(connection, sql, values);
            command.Transaction = tx;
            return await command.ExecuteNonQueryAsync(ct);
        }
        var added = await Run(db.InsertIgnoringDuplicates("email_messages", Columns, ValueList), Values(digest));
        if (added != 1)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        foreach (var id in gathered)
            await Run("UPDATE email_messages SET status = @p0 WHERE id = @p1 AND status = @p2", (int)EmailStatus.InDigest, id, (int)EmailStatus.Digest);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>Deletes sent emails (and those gathered into a digest) older than <paramref name="before"/>. Returns how many.</summary>
    public Task<int> PurgeSentAsync(DateTimeOffset before, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM email_messages WHERE status IN (@p0, @p1) AND created_at < @p2", ct,
            (int)EmailStatus.Sent, (int)EmailStatus.InDigest, before.UtcTicks);
}
