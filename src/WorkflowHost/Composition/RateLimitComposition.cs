using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.Options;
using WorkflowHost.Security.RateLimiting;

namespace WorkflowHost.Composition;

/// <summary>
/// Rate limits (doc/security.md), on ASP.NET Core's rate limiter: the middleware limits every request of a caller who is
/// not signed in, per client address; sign-in and refresh add their own per-address and per-account limits
/// (<see cref="AccountRateLimits"/>). Limits come from the <c>RateLimits</c> section and run on the host's clock.
/// </summary>
public static class RateLimitComposition
{
    public static IServiceCollection AddHostRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.All.All(r => r.Rule.PermitLimit >= 1 && r.Rule.Window > TimeSpan.Zero),
                "RateLimits: every PermitLimit must be 1 or more and every Window longer than zero.")
            .ValidateOnStart();
        services.AddSingleton<AccountRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<TimeProvider, IOptions<RateLimitOptions>>((o, clock, limits) =>
        {
            var anonymous = limits.Value.Anonymous;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsExempt(context)
                ? RateLimitPartition.GetNoLimiter("")
                : RateLimitPartition.Get(ClientAddress.Of(context), _ => new ClockWindowRateLimiter(anonymous, clock)));
            o.OnRejected = (rejected, _) => new ValueTask(TooManyRequests.WriteAsync(rejected.HttpContext,
                rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : anonymous.Window,
                "requests from this address without signing in"));
            o.AddPolicy(PublicObjectionPolicy.Name, new PublicObjectionPolicy(limits.Value.PublicObjectionsPerAddress, clock));
        });
        return services;
    }

    /// <summary>Signed-in callers, and the static files every page loads, are not counted.</summary>
    private static bool IsExempt(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true || context.GetEndpoint()?.Metadata.GetMetadata<StaticAssetDescriptor>() is not null;
}
