namespace WorkflowHost.Scheduling;

/// <summary>The <c>Scheduler</c> configuration section: how the timer pump claims and fires due bookmarks.</summary>
public sealed class TimerPumpOptions
{
    /// <summary>The longest the pump sleeps without looking (timers stored by another host, leases that expired).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>How long a claimed bookmark stays with this host; if it dies, another host fires it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>A bookmark whose firing failed (the database was away) is tried again after this.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Bookmarks claimed at once; small, so that a killed host strands few of them for a lease.</summary>
    public int BatchSize { get; set; } = 32;
    /// <summary>Bookmarks fired at once by one host. Unset: the whole batch, whose steps the store's group commit then
    /// writes in a few transactions (on SQLite one writer connection takes them all; see bench/README.md).</summary>
    public int? Parallelism { get; set; }
}
