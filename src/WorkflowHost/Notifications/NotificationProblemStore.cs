using System.Data.Common;
using System.Globalization;

namespace WorkflowHost.Notifications;

/// <summary>The one owner of <c>notification_problems</c>. A problem is recorded once per event, kind and user.</summary>
public sealed class NotificationProblemStore(NotificationDatabase db)
{
    private const string Columns = "id, problem, event_id, user_id, notification_kind, instance_id, detail, payload, created_at, resolved_at";

    private static NotificationProblem Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        new DateTimeOffset(Convert.ToInt64(r.GetValue(8), CultureInfo.InvariantCulture), TimeSpan.Zero),
        r.IsDBNull(9) ? null : new DateTimeOffset(Convert.ToInt64(r.GetValue(9), CultureInfo.InvariantCulture), TimeSpan.Zero));

    public Task<int> AddAsync(NotificationProblem p, CancellationToken ct) =>
        db.ExecuteAsync(db.InsertIgnoringDuplicates("notification_problems", Columns, "@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, NULL"), ct,
            p.Id, p.Problem, p.EventId, p.UserId, p.NotificationKind, p.InstanceId, p.Detail.Length > 2000 ? p.Detail[..2000] : p.Detail,
            p.Payload, p.CreatedAt.UtcTicks);

    public Task<List<NotificationProblem>> ListOpenAsync(CancellationToken ct) =>
        db.QueryAsync($"SELECT {Columns} FROM notification_problems WHERE resolved_at IS NULL ORDER BY created_at", Read, ct);

    public async Task<NotificationProblem?> FindAsync(string id, CancellationToken ct) =>
        (await db.QueryAsync($"SELECT {Columns} FROM notification_problems WHERE id = @p0", Read, ct, id)).FirstOrDefault();

    public async Task<bool> ResolveAsync(string id, DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE notification_problems SET resolved_at = @p0 WHERE id = @p1 AND resolved_at IS NULL", ct, at.UtcTicks, id) == 1;
}
