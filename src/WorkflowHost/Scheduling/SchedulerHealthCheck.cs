using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkflowHost.Scheduling;

/// <summary>Healthy while the timer pump runs and Hangfire's storage answers.</summary>
public sealed class SchedulerHealthCheck(TimerPump pump, JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (pump.ExecuteTask is { IsCompleted: true })
            return Task.FromResult(HealthCheckResult.Unhealthy("The timer pump has stopped.", pump.ExecuteTask.Exception));
        try
        {
            using var connection = storage.GetConnection();
            return Task.FromResult(HealthCheckResult.Healthy($"Timer pump running; {pump.Fired} timer(s) fired by this host."));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage does not answer.", e));
        }
    }
}
