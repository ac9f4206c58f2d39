using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer;
using TechTransfer.Licensing;
using TechTransfer.Inventions;
using TechTransfer.Processes;
using TechTransfer.Rewards;
using WorkflowHost.Application;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Revenue;

/// <summary>
/// The revenue split: the office records income received (the process's income step, whose service task splits it by
/// the configured shares and the inventors' contribution shares); every later income (royalties) is split the same way
/// under its agreement, and its remuneration runs the reward-payment process. The invention's inventors and the office
/// read the splits and the running total per agreement.
/// </summary>
public static class RevenueApi
{
    public sealed record IncomeBody(decimal? Income, decimal? Costs, decimal? Taxes, Guid? AgreementId = null, string? ReceivedOn = null);

    public static IEndpointRouteBuilder MapRevenueApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inventions/{id:guid}").WithTags("Revenue").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/revenue", List).WithName("ListRevenueSplits")
            .WithSummary("The invention's revenue splits: net income, the inventors' pool and each inventor's amount (its inventors and the office).");
        group.MapGet("/revenue/totals", Totals).WithName("RevenueTotals")
            .WithSummary("The running total per agreement: incomes recorded, income, net income, the inventors', staff's and institution's shares, and what the inventors were paid.");
        group.MapPost("/income", Record).WithName("RecordIncome").RequireAuthorization(Policies.Office)
            .WithSummary("The office records income received under the agreement (income, costs, taxes, receivedOn, agreementId): the first through the process's income step, every later one (royalties) directly; each is split and its remuneration published and paid.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Ok<List<RevenueSplit>>> List(Guid id, HttpContext http, RevenueService revenue, CancellationToken ct) =>
        TypedResults.Ok(await revenue.ListAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<List<AgreementRevenueTotal>>> Totals(Guid id, HttpContext http, RevenueService revenue, CancellationToken ct) =>
        TypedResults.Ok(await revenue.TotalsAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<List<RevenueSplit>>> Record(Guid id, IncomeBody body, HttpContext http, InventionService inventions, RevenueService revenue,
        AgreementService agreements, ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var invention = await inventions.GetAsync(actor, id, ct);
        var receivedOn = body.ReceivedOn is null ? (DateOnly?)null : Agreements.AgreementsApi.Day(body.ReceivedOn, "receivedOn");
        var first = (await steps.OpenTasksAsync(invention.CaseNumber, ct)).Any(t => t.ElementId == ShippedProcesses.Transfer.Income);
        if (first || (await revenue.ListAsync(actor, id, ct)).Count == 0)
        {
            // The first income is the process's step (409 naming what it waits for when it is not there yet).
            var server = new JsonObject();
            if (receivedOn is { } day) server["receivedOn"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await steps.CompleteAsync(http.User, invention.CaseNumber, ShippedProcesses.Transfer.Income,
                ProcessSteps.Data(new { income = body.Income, costs = body.Costs ?? 0, taxes = body.Taxes ?? 0 }), "record the income", ct, server);
            return TypedResults.Ok(await revenue.ListAsync(actor, id, ct));
        }
        // A later income (royalties): split the same way under its agreement, and its remuneration published and paid.
        if (body.Income is not { } income) throw TechTransferException.Rule("required", "Give the income received in yuan.", "income");
        var agreementId = body.AgreementId ?? (await agreements.ListAsync(actor, id, ct)) switch
        {
            [var only] => only.Id,
            [] => throw TechTransferException.Conflict("no-agreement", $"Case {invention.CaseNumber} has no signed agreement to receive income under.", "agreementId"),
            _ => throw TechTransferException.Rule("required", "The case has several agreements: say which one the income is under.", "agreementId"),
        };
        var split = await revenue.SplitAsync(actor, id, new IncomeRecord(income, body.Costs ?? 0, body.Taxes ?? 0, agreementId, ReceivedOn: receivedOn), ct);
        await steps.StartRewardAsync(invention.CaseNumber, id, split.RewardId!.Value, actor.UserId, ct);
        return TypedResults.Ok(await revenue.ListAsync(actor, id, ct));
    }
}
