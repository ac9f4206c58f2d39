using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WorkflowHost.Health;

/// <summary>The /health answer as JSON: overall status and each check's.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        }, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }
}
