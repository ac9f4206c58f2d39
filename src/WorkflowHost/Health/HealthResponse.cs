using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkflowHost.Identity;

namespace WorkflowHost.Health;

/// <summary>
/// The /health answer as JSON. Anyone (a load balancer, a probe) learns only whether the host is alive: the overall
/// status (200, or 503 when unhealthy). The database kind and the timer counts of each check are details for a system
/// administrator, who gets them signed in.
/// </summary>
public static class HealthResponse
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        object answer = context.User.IsInRole(Roles.SystemAdministrator)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(answer, Json));
    }
}
