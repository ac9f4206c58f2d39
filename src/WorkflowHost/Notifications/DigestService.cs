using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Notifications;

/// <summary>
/// Users who chose a digest get one email a day instead of one per event: at the digest hour, the messages
/// held for them are gathered into one, in their language. Holding and gathering happen in one transaction,
/// keyed by user and day, so a restart or a second host never sends a digest twice.
/// </summary>
public sealed class DigestService(NotificationDatabase db, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<DigestService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
                var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
                if (local.Hour >= options.Value.DigestHour) await SendDigestsAsync(DateOnly.FromDateTime(local.DateTime), ct);
                await Task.Delay(TimeSpan.FromMinutes(1), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
            catch (Exception e)
            {
                logger.LogError(e, "Building digests failed; trying again in a minute");
                await Task.Delay(TimeSpan.FromMinutes(1), ct);
            }
        }
    }

    /// <summary>Gathers every held message into one digest per recipient for the day. Returns how many digests it made.</summary>
    public async Task<int> SendDigestsAsync(DateOnly day, CancellationToken ct)
    {
        var held = await db.QueryAsync("""
            SELECT id, to_address, to_user_id, language, subject FROM email_messages WHERE status = @p0 ORDER BY created_at
            """, r => (Id: r.GetString(0), To: r.GetString(1), User: r.IsDBNull(2) ? null : r.GetString(2), Language: r.GetString(3), Subject: r.GetString(4)),
            ct, (int)EmailStatus.Digest);
        var made = 0;
        foreach (var group in held.GroupBy(h => h.To))
        {
            var zh = group.First().Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
            var subject = zh ? $"每日摘要：{group.Count()} 条通知（{day:yyyy-MM-dd}）" : $"Daily digest: {group.Count()} notification(s) ({day:yyyy-MM-dd})";
            var text = new StringBuilder();
            var html = new StringBuilder("<ul>");
            foreach (var item in group)
            {
                text.Append("- ").AppendLine(item.Subject);
                html.Append("<li>").Append(WebUtility.HtmlEncode(item.Subject)).Append("</li>");
            }
            html.Append("</ul>");
            var link = options.Value.BaseUrl.TrimEnd('/') + "/tasks";
            text.AppendLine().AppendLine(link);
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">").Append(WebUtility.HtmlEncode(link)).Append("</a></p>");

            await using var connection = await db.OpenAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcTicks;
            await using (var insert = NotificationDatabase.Command(connection, db.InsertIgnoringDuplicates("email_messages",
                       "id, idempotency_key, kind, to_address, to_user_id, language, subject, text_body, html_body, status, attempts, next_attempt_at, created_at",
                       "@p0, @p1, 'digest', @p2, @p3, @p4, @p5, @p6, @p7, 0, 0, @p8, @p9"),
                       Guid.NewGuid().ToString(), $"digest:{group.Key.ToLowerInvariant()}:{day:yyyy-MM-dd}", group.Key, group.First().User,
                       group.First().Language, subject, text.ToString(), html.ToString(), now, now))
            {
                insert.Transaction = tx;
                await insert.ExecuteNonQueryAsync(ct);
            }
            foreach (var item in group)
            {
                await using var update = NotificationDatabase.Command(connection, "UPDATE email_messages SET status = @p0 WHERE id = @p1 AND status = @p2",
                    (int)EmailStatus.InDigest, item.Id, (int)EmailStatus.Digest);
                update.Transaction = tx;
                await update.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            made++;
        }
        return made;
    }
}
