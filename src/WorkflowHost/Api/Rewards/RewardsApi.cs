using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using TechTransfer.Inventions;
using TechTransfer.Processes;
using TechTransfer.Rewards;
using WorkflowHost.Application;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Rewards;

/// <summary>
/// The rewards and remuneration (奖励和报酬) of an invention: the reward on grant, opened when the grant is recorded, and
/// the remuneration of each income. Each runs the reward-payment process: the office decides the reward on grant (at
/// least the minimum for the patent's kind), the process publishes it for the configured window, and only then is it
/// paid, by its deadline (escalated to the office head after it). Deciding and paying are that process's steps.
/// </summary>
public static class RewardsApi
{
    public sealed record DecisionBody(decimal? Total);
    public sealed record PaymentBody(string? PaidOn, string? PaymentReference, Guid? PaymentProofId);

    public static IEndpointRouteBuilder MapRewardsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1").WithTags("Rewards").RequireAuthorization(Policies.SignedIn)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        read.MapGet("/inventions/{id:guid}/rewards", List).WithName("ListRewards")
            .WithSummary("The invention's reward on grant and remunerations: sum, each inventor's amount, publication window, payment deadline and payment (its inventors and the office).");
        read.MapGet("/rewards/{id:guid}", Get).WithName("GetReward").WithSummary("One reward or remuneration.");
        var office = app.MapGroup("/api/v1/rewards/{id:guid}").WithTags("Rewards").RequireAuthorization(Policies.Office)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        office.MapPost("/decision", Decide).WithName("DecideReward")
            .WithSummary("Decides the reward on grant (total, yuan): at least 4,000 per invention patent, 1,500 per utility model or design (as configured); it is then published. Also the escalated, overdue step.");
        office.MapPost("/payment", Pay).WithName("RecordRewardPayment")
            .WithSummary("Records the payment (paidOn, paymentReference, paymentProofId: an attachment); 409 while the publication runs or, for remuneration, before the technology contract is registered. Also the escalated, overdue step.");
        return app;
    }

    private static async Task<Ok<List<Reward>>> List(Guid id, HttpContext http, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.ListAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<Reward>> Get(Guid id, HttpContext http, RewardService rewards, CancellationToken ct) =>
        TypedResults.Ok(await rewards.GetAsync(http.User.ToActingUser(), id, ct));

    private static async Task<Ok<Reward>> Decide(Guid id, DecisionBody body, HttpContext http, RewardService rewards, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var reward = await rewards.GetAsync(actor, id, ct);
        if (body.Total is not { } total) throw TechTransfer.TechTransferException.Rule("required", "Give the reward's sum in yuan.", "total");
        RewardService.EnsureAtLeastMinimum(reward, total);
        var invention = await inventions.GetAsync(actor, reward.InventionId, ct);
        await CompleteAsync(steps, http, invention.CaseNumber, id, ShippedProcesses.RewardPayment.Decide, ShippedProcesses.RewardPayment.DecisionOverdue,
            ProcessSteps.Data(new { rewardTotal = total }), "decide the reward", ct);
        return TypedResults.Ok(await rewards.GetAsync(actor, id, ct));
    }

    private static async Task<Ok<Reward>> Pay(Guid id, PaymentBody body, HttpContext http, RewardService rewards, InventionService inventions,
        ProcessSteps steps, CancellationToken ct)
    {
        var actor = http.User.ToActingUser();
        var reward = await rewards.GetAsync(actor, id, ct);
        await rewards.CheckPayableAsync(actor, id, body.PaymentProofId, ct);
        var invention = await inventions.GetAsync(actor, reward.InventionId, ct);
        var data = new JsonObject { ["paidOn"] = body.PaidOn, ["paymentReference"] = body.PaymentReference };
        if (body.PaymentProofId is { } proof) data["paymentProofId"] = proof.ToString();
        await CompleteAsync(steps, http, invention.CaseNumber, id, ShippedProcesses.RewardPayment.Pay, ShippedProcesses.RewardPayment.PaymentOverdue,
            data, "record the reward's payment", ct);
        return TypedResults.Ok(await rewards.GetAsync(actor, id, ct));
    }

    /// <summary>Completes this reward's step: the office's own, or the office head's once its deadline passed (the timer moved it).</summary>
    private static async Task CompleteAsync(ProcessSteps steps, HttpContext http, string caseNumber, Guid rewardId, string step, string overdue, JsonObject data,
        string what, CancellationToken ct)
    {
        var reward = (ProcessSteps.RewardVariable, rewardId.ToString());
        try
        {
            await steps.CompleteAsync(http.User, caseNumber, step, data, what, ct, instanceVariable: reward);
        }
        catch (Refusal e) when (e.Code == "no-open-step")
        {
            await steps.CompleteAsync(http.User, caseNumber, overdue, data, what, ct, instanceVariable: reward);
        }
    }
}
