using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Localization;
using WorkflowHost.Security;

namespace WorkflowHost.Application.Tasks;

/// <summary>
/// The task actions that are more than one runtime call, shared by the REST endpoints (<c>TasksApi</c>) and the
/// task page, so both check the same things: send back (a reason, then a completion the workflow routes back) and
/// claiming several tasks at once. Refusals are <see cref="Refusal"/>s (a rule naming the field, forbidden, not found,
/// 409) or the engine's own typed failures.
/// </summary>
public sealed class TaskCommands(IWorkflowRuntime runtime, IWorkflowQueries queries, ProcessNames processNames)
{
    public const int MaxReasonLength = 4000;

    /// <summary>The variables a send-back completes the task with; the shipped workflows route <c>outcome = "sendBack"</c> back.</summary>
    public const string OutcomeVariable = "outcome";
    public const string SendBackOutcome = "sendBack";
    public const string SendBackReasonVariable = "sendBackReason";

    /// <summary>What happened to one task of a bulk claim: claimed, or refused with the code and the reason.</summary>
    public sealed record ClaimOutcome(Guid TaskId, string? Name, string? BusinessKey, bool Claimed, string? Code, string? Reason);

    /// <summary>Completes the task with outcome = "sendBack" and the reason; the form is not checked.</summary>
    public async Task SendBackAsync(Guid id, Actor actor, string? reason, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason)) throw Refusal.Invalid("reason", "Say why the work goes back.");
        if (reason.Length > MaxReasonLength) throw Refusal.Invalid("reason", $"The reason has at most {MaxReasonLength} characters.");
        actor = actor.AsParticipant();
        await EnsureMayActAsync(id, actor, ct);
        await runtime.CompleteTaskAsync(id, actor, new JsonObject
        {
            [OutcomeVariable] = SendBackOutcome, [SendBackReasonVariable] = reason.Trim(),
        }, ct);
    }

    /// <summary>Claims each task in turn; one refusal does not stop the others.</summary>
    public async Task<IReadOnlyList<ClaimOutcome>> ClaimAllAsync(IEnumerable<Guid> ids, Actor actor, CancellationToken ct)
    {
        actor = actor.AsParticipant(); // as POST /claim: an administrator claims only as a candidate
        var outcomes = new List<ClaimOutcome>();
        foreach (var id in ids.Distinct())
        {
            var task = await queries.GetTaskAsync(id, ct);
            var name = task is null ? null : (await processNames.OfTaskAsync(task, ct: ct)).Task;
            try
            {
                await runtime.ClaimTaskAsync(id, actor, ct);
                outcomes.Add(new(id, name, task?.BusinessKey, true, null, null));
            }
            catch (WorkflowException e)
            {
                outcomes.Add(new(id, name, task?.BusinessKey, false, e.Code, e.Message));
            }
        }
        return outcomes;
    }

    /// <summary>404, 409 (no longer open) or 403 (neither the assignee nor a candidate of an unassigned task); the engine checks again in its step.</summary>
    public async Task<UserTaskRecord> EnsureMayActAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct) ?? throw Refusal.NotFound("Task", id);
        if (!task.IsOpen)
            throw Refusal.Conflict("conflict",
                $"Task {id} is already {task.Status.ToString().ToLowerInvariant()}{(task.CompletedBy is { } by ? $" by {by}" : "")}.");
        if (!MayAct(task, actor))
            throw Refusal.Forbidden(task.Assignee is null
                ? $"{actor.UserId} is not a candidate for task {id}."
                : $"Task {id} is assigned to {task.Assignee}; only they may act on it.");
        return task;
    }

    /// <summary>The task's element in its instance's version: whether it is personal and confidential (null: gone).</summary>
    public async Task<Workflows.Engine.Model.UserTask?> RulesAsync(UserTaskRecord task, CancellationToken ct) =>
        await queries.GetInstanceAsync(task.InstanceId, ct) is { } instance
            ? (await queries.GetProcessModelAsync(instance.DefinitionId, ct)).NodesById.GetValueOrDefault(task.ElementId) as Workflows.Engine.Model.UserTask
            : null;

    /// <summary>The assignee, or a candidate (user id or group) of an unassigned task.</summary>
    public static bool MayAct(UserTaskRecord task, Actor actor) =>
        task.Assignee == actor.UserId || task.Assignee is null && IsCandidate(task, actor);

    public static bool IsCandidate(UserTaskRecord task, Actor actor) =>
        task.CandidateUsers.Contains(actor.UserId, StringComparer.Ordinal) || task.CandidateGroups.Any(actor.InGroup);
}
