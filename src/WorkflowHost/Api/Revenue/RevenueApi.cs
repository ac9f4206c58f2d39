using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Inventions;
using TechTransfer.Processes;
using TechTransfer.Rewards;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Revenue;

/// <summary>
/// The revenue split: the office records income received (the process's income step, whose service task splits it by
/// the configured shares and the inventors' contribution shares); the invention's inventors and the office read it.
/// </summary>
public static class RevenueApi
{
    public sealed record IncomeBody(decimal? Income, decimal? Costs, decimal? Taxes);

    public static IEndpointRouteBuilder MapRevenueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inventions/{id:guid}").WithTags("Revenue").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/revenue", List).WithName("ListRevenueSplits")
            .WithSummary("The invention's revenue splits: net income, the inventors' pool and each inventor's amount (its inventors and the office).");
        group.MapPost("/income", Record).WithName("RecordIncome").RequireAuthorization(Policies.Office)
            .WithSummary("The office records income received under the agreement (income, costs, taxes); the process splits it.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<RevenueSplit>>> List(Guid id, HttpContext http, RevenueService revenue, CancellationToken ct) =>
        TypedResults.Ok(await revenue.ListAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<List<RevenueSplit>>> Record(Guid id, IncomeBody body, HttpContext http, InventionService inventions, RevenueService revenue,
        ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var invention = await inventions.GetAsync(actor, id, ct);
        await steps.CompleteAsync(http.User, invention.CaseNumber, ShippedProcesses.Transfer.Income,
            ProcessSteps.Data(new { income = body.Income, costs = body.Costs ?? 0, taxes = body.Taxes ?? 0 }), "record the income", ct);
        return TypedResults.Ok(await revenue.ListAsync(actor, id, ct));
    }
}
