using System.Threading.RateLimiting;

namespace WorkflowHost.Security.RateLimiting;

/// <summary>
/// A fixed-window limiter on a <see cref="TimeProvider"/>: at most <see cref="RateLimitRule.PermitLimit"/> permits in each
/// window, no queueing, and a refusal that says when the window ends (<see cref="MetadataName.RetryAfter"/>). The
/// framework's own window limiters run on the wall clock; this one lets tests move time instead of waiting it out.
/// </summary>
public sealed class ClockWindowRateLimiter(RateLimitRule rule, TimeProvider clock) : RateLimiter
{
    private readonly Lock _lock = new();
    private DateTimeOffset _windowStart = clock.GetUtcNow();
    private int _used;
    private long _successful, _failed;

    /// <summary>Idle (and so discardable by a partitioned limiter) once its window has passed: nothing is left to remember.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var past = clock.GetUtcNow() - (_windowStart + rule.Window);
                if (past >= TimeSpan.Zero) return past;
                return _used == 0 ? TimeSpan.Zero : null;
            }
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            Roll(clock.GetUtcNow());
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = rule.PermitLimit - _used, CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful, TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            Roll(now);
            if (_used + permitCount <= rule.PermitLimit)
            {
                _used += permitCount;
                _successful++;
                return WindowLease.Granted;
            }
            _failed++;
            return WindowLease.Refused(_windowStart + rule.Window - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private void Roll(DateTimeOffset now)
    {
        if (now < _windowStart + rule.Window) return;
        _windowStart = now;
        _used = 0;
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly WindowLease Granted = new(true, null);

        public static WindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
