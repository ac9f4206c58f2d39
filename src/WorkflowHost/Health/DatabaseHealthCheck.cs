using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflows.Persistence;

namespace WorkflowHost.Health;

/// <summary>Healthy when the database answers and its schema is in place.</summary>
public sealed class DatabaseHealthCheck(WorkflowDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await database.CanConnectAsync(ct);
            return HealthCheckResult.Healthy($"{database.Provider} database reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{database.Provider} database unreachable: {e.Message}");
        }
    }
}
