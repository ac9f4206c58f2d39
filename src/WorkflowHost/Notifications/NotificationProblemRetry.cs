using System.Text.Json;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;

namespace WorkflowHost.Notifications;

/// <summary>
/// Retries a notification that did not become email (<see cref="NotificationProblem"/>): dispatches it again (to the one
/// user who had no contact, or to everyone for a dead one) and marks the problem resolved. The administrators' email
/// endpoint and the dashboard both call this.
/// </summary>
public sealed class NotificationProblemRetry(NotificationProblemStore problems, NotificationDispatcher dispatcher, TimeProvider clock)
{
    public enum Outcome { Retried, NotFound, Unreadable, StillUndeliverable }

    /// <summary>What happened, and a detail for the two failures.</summary>
    public sealed record Result(Outcome Outcome, string? Detail = null);

    public async Task<Result> RetryAsync(string id, CancellationToken ct)
    {
        var problem = await problems.FindAsync(id, ct);
        if (problem is null || problem.ResolvedAt is not null) return new Result(Outcome.NotFound);
        Notification notification;
        try
        {
            notification = JsonSerializer.Deserialize<Notification>(problem.Payload, EngineJson.Options)
                           ?? throw new JsonException("empty payload");
        }
        catch (JsonException e)
        {
            return new Result(Outcome.Unreadable, e.Message);
        }
        try
        {
            await dispatcher.DispatchAsync(notification, problem.Payload, problem.Problem == NotificationProblem.NoContact ? problem.UserId : null, ct);
        }
        catch (InvalidOperationException e)
        {
            return new Result(Outcome.StillUndeliverable, e.Message);
        }
        await problems.ResolveAsync(id, clock.GetUtcNow(), ct);
        return new Result(Outcome.Retried);
    }
}
