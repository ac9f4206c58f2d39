using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WorkflowHost.Security.RateLimiting;

/// <summary>
/// The limits sign-in and refresh apply themselves, since their partition (the account) is only known once the body is
/// read: per client address and per account (<see cref="RateLimitOptions"/>). One instance per host; a cluster of N
/// hosts allows up to N times as much, which the lockout (kept in the database) bounds.
/// </summary>
public sealed class AccountRateLimits : IAsyncDisposable
{
    public enum Limit { SignInPerAddress, SignInPerAccount, RefreshPerAddress, RefreshPerAccount }

    private readonly Dictionary<Limit, PartitionedRateLimiter<string>> _limiters;

    public AccountRateLimits(IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        var o = options.Value;
        _limiters = new()
        {
            [Limit.SignInPerAddress] = Partitioned(o.SignInPerAddress, clock),
            [Limit.SignInPerAccount] = Partitioned(o.SignInPerAccount, clock),
            [Limit.RefreshPerAddress] = Partitioned(o.RefreshPerAddress, clock),
            [Limit.RefreshPerAccount] = Partitioned(o.RefreshPerAccount, clock),
        };
    }

    /// <summary>Takes one permit from <paramref name="key"/>'s budget: null when granted, else how long until the window ends.</summary>
    public TimeSpan? TryAcquire(Limit limit, string key)
    {
        using var lease = _limiters[limit].AttemptAcquire(key);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.Zero;
    }

    internal static PartitionedRateLimiter<string> Partitioned(RateLimitRule rule, TimeProvider clock) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, _ => new ClockWindowRateLimiter(rule, clock)),
            StringComparer.Ordinal);

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values) await limiter.DisposeAsync();
    }
}
