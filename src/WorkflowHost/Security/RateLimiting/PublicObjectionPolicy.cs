using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace WorkflowHost.Security.RateLimiting;

/// <summary>
/// The rate limiter's policy for objections lodged on the public notice board without an account: at most
/// <see cref="RateLimitOptions.PublicObjectionsPerAddress"/> per client address, the board's form and the API sharing
/// one budget (one policy, one limiter). Only submissions count: reading the board and opening the form do not.
/// </summary>
public sealed class PublicObjectionPolicy(RateLimitRule rule, TimeProvider clock) : IRateLimiterPolicy<string>
{
    public const string Name = "public-objections";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => (rejected, _) => new ValueTask(TooManyRequests.WriteAsync(rejected.HttpContext,
        rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : rule.Window, "objections from this address"));

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.Get(ClientAddress.Of(httpContext), _ => new ClockWindowRateLimiter(rule, clock));
}
