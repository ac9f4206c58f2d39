using System.Net;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;
using WorkflowHost.Email;

namespace WorkflowHost.Notifications;

/// <summary>
/// Users who chose a digest get one email a day instead of one per event: from the digest hour on, the messages
/// held for them before that hour are gathered into one, in their language (a Hangfire job on a schedule from
/// configuration). The digest is keyed by recipient and day and made in the same transaction that marks what
/// it gathers, so a re-run or a second host makes nothing twice, and a message held after the day's digest was
/// made waits for the next one instead of being marked as sent without being sent.
/// </summary>
public sealed class DigestService(EmailMessageStore emails, IBackgroundJobClient jobs, IOptions<NotificationOptions> options,
    TimeProvider clock, ILogger<DigestService> logger)
{
    /// <summary>The Hangfire job: makes today's digests once the digest hour has come (a run before it does nothing).</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Daily digest")]
    public async Task RunAsync(CancellationToken ct)
    {
        var zone = options.Value.Zone;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        if (local.Hour < options.Value.DigestHour) return;
        if (await SendDigestsAsync(DateOnly.FromDateTime(local.DateTime), ct) > 0)
            jobs.Enqueue<EmailDelivery>(d => d.RunAsync(CancellationToken.None));
    }

    /// <summary>The instant the day's digest closes: the digest hour of that day in the configured zone.</summary>
    public DateTimeOffset CutOff(DateOnly day)
    {
        var zone = options.Value.Zone;
        var local = day.ToDateTime(new TimeOnly(Math.Clamp(options.Value.DigestHour, 0, 23), 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Gathers the messages held before the day's cut-off into one digest per recipient. Returns how many digests it made.</summary>
    public async Task<int> SendDigestsAsync(DateOnly day, CancellationToken ct)
    {
        var held = await emails.HeldBeforeAsync(CutOff(day), ct);
        var made = 0;
        foreach (var group in held.GroupBy(h => h.To.ToLowerInvariant()))
        {
            var first = group.First();
            var zh = first.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
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
            var now = clock.GetUtcNow();
            var digest = new EmailMessage(Guid.NewGuid().ToString(), $"digest:{group.Key}:{day:yyyy-MM-dd}", "digest", first.To, first.ToName,
                first.ToUserId, first.Language, subject, text.ToString(), html.ToString(), null, EmailStatus.Pending, 0, now.UtcTicks, null, now, null);
            if (await emails.AddDigestAsync(digest, group.Select(g => g.Id), ct)) made++;
            else logger.LogInformation("The {Day} digest for {To} exists already; {Count} held message(s) wait for the next one", day, first.To, group.Count());
        }
        return made;
    }
}
