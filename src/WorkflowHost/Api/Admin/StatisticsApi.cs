using Microsoft.AspNetCore.Http.HttpResults;
using WorkflowHost.Reporting;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Admin;

/// <summary>The dashboard's figures (inventions per stage, days per stage, overdue tasks) for system administrators and the office head.</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/statistics", Get).WithTags("Statistics").RequireAuthorization(Policies.Statistics)
            .WithSummary("Inventions per stage, average and 90th-percentile days per stage (nearest rank), the overdue tasks, and money per year (contract value signed, income received, rewards paid; yuan, in the office's time zone).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }

    private static async Task<Ok<StatisticsView>> Get(StageStatistics statistics, CancellationToken ct) =>
        TypedResults.Ok(await statistics.ComputeAsync(ct));
}
