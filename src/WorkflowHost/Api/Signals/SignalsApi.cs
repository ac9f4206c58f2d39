using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Contracts;
using WorkflowHost.Security;

namespace WorkflowHost.Api.Signals;

/// <summary>
/// Signals sent from outside the processes: the office or a workflow administrator broadcasts one by name (a recall,
/// a changed policy), and every running instance waiting for it moves on, as Camunda's <c>POST /signal</c>.
/// </summary>
public static class SignalsApi
{
    public const int MaxNameLength = 200;

    public sealed record SignalBody(string? Name, JsonObject? Variables);
    public sealed record SignalResult(string Name, int Reached);

    public static IEndpointRouteBuilder MapSignalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/signals").WithTags("Signals").RequireAuthorization(Policies.SendSignals)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/", Broadcast).WithName("BroadcastSignal")
            .WithSummary("Broadcasts a signal by name, with optional variables: every instance waiting for it moves on (catch and boundary events) " +
                         "and each process with a signal start event of that name starts; answers how many instances it reached (0 is no error).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<SignalResult>, ValidationProblem>> Broadcast(SignalBody body, HttpContext http, IWorkflowRuntime runtime,
        CancellationToken ct)
    {
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name)) return ApiProblems.Invalid("name", "name is required: the signal's name, as its <bpmn:signal name> says.");
        if (name.Length > MaxNameLength) return ApiProblems.Invalid("name", $"name has at most {MaxNameLength} characters.");
        var reached = await runtime.BroadcastSignalAsync(name, body.Variables, http.User.ToActor().UserId, ct);
        return TypedResults.Ok(new SignalResult(name, reached));
    }
}
