using WorkflowHost.Email;

namespace WorkflowHost.Notifications;

/// <summary>The <c>Email</c> configuration section. Secrets (the SMTP password) come from configuration only.</summary>
public sealed class NotificationOptions
{
    /// <summary>Where links in emails point: the address users open, resolved at start-up (<see cref="Composition.PublicAddress"/>).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>Dates in emails are shown in this zone, and the digest hour is in it (by default the office's, <c>Calendar:TimeZone</c>).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    private (string Id, TimeZoneInfo Zone)? _zone;

    /// <summary>
    /// <see cref="TimeZone"/> as a zone: the one place emails, the digest and the scheduled jobs look it up. A wrong id stops
    /// start-up naming <c>Email:TimeZone</c> (checked as the options are built) rather than quietly writing UTC hours.
    /// </summary>
    public TimeZoneInfo Zone
    {
        get
        {
            if (_zone is not { } cached || cached.Id != TimeZone) _zone = cached = (TimeZone, Localization.TimeDisplay.FindZone(TimeZone, "Email:TimeZone"));
            return cached.Zone;
        }
    }
    /// <summary>Used when a recipient has no language of their own.</summary>
    public string DefaultLanguage { get; set; } = "zh-CN";
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>With no SMTP host, emails are written here as .eml files (relative to the data folder).</summary>
    public string PickupPath { get; set; } = "mail";
    /// <summary>Emails claimed and sent over one connection at a time.</summary>
    public int BatchSize { get; set; } = 50;
    /// <summary>SMTP connections one host sends over at once, each with batches of its own.</summary>
    public int Connections { get; set; } = 2;
    /// <summary>How long a host holds the emails it claimed: the bound of a batch (no message starts with less than
    /// <see cref="SmtpOptions.CommandTimeout"/> left, none runs past it); a killed host's emails are sent after this.</summary>
    public TimeSpan DeliveryLease { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Outbox notifications one dispatcher claims and turns into email rows at once (one transaction each way).</summary>
    public int OutboxBatchSize { get; set; } = 200;
    /// <summary>How long a dispatcher holds the notifications it claimed; a killed host's are dispatched after this.</summary>
    public TimeSpan OutboxLease { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>The first retry of a failed email waits this long, each next one twice as long, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>An email that has failed (4xx, network) for this long is dead; a 5xx rejection is dead at once.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(1);
    /// <summary>Attempts at turning one engine notification into emails before it is shown to administrators as dead.</summary>
    public int OutboxMaxAttempts { get; set; } = 10;
    /// <summary>Sent emails are deleted by the sweep after this long.</summary>
    public TimeSpan KeepSentFor { get; set; } = TimeSpan.FromDays(90);
    /// <summary>The hour (in <see cref="TimeZone"/>) at which users who chose a digest get the day's one email.</summary>
    public int DigestHour { get; set; } = 8;
}
