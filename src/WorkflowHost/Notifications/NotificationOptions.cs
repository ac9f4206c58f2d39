namespace WorkflowHost.Notifications;

/// <summary>The <c>Email</c> configuration section. Secrets (the SMTP password) come from configuration only.</summary>
public sealed class NotificationOptions
{
    /// <summary>Where links in emails point (the host's public address).</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";
    /// <summary>Dates in emails are shown in this zone.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
    /// <summary>Used when a recipient has no language of their own.</summary>
    public string DefaultLanguage { get; set; } = "zh-CN";
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>With no SMTP host, emails are written here as .eml files (relative to the data folder).</summary>
    public string PickupPath { get; set; } = "mail";
    /// <summary>Attempts before a message is marked dead and shown to administrators.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The first retry waits this long, each next one twice as long (capped at an hour).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>The hour (in <see cref="TimeZone"/>) at which users who chose a digest get the day's one email.</summary>
    public int DigestHour { get; set; } = 8;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; }
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "workflow-host@localhost";
}
