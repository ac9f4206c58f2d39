using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Identity;

namespace WorkflowHost.Application.Instances;

/// <summary>
/// Bulk actions on instances (retry their incidents, cancel them, reassign their open tasks), item by item through
/// the same runtime calls as the single endpoints, each reporting what happened to it; the engine's rules hold here as
/// everywhere (a personal task is never reassigned, by an administrator neither). Called by
/// <c>POST /api/v1/instances/bulk</c> and by the operations page. Only workflow administrators reach it.
/// </summary>
public sealed class InstanceBulkActions(IWorkflowRuntime runtime, IWorkflowQueries queries, UserAccountService accounts)
{
    public const int MaxItems = 200;

    public static class Actions
    {
        public const string Retry = "retry";
        public const string Cancel = "cancel";
        public const string Reassign = "reassign";
        public static readonly string[] All = [Retry, Cancel, Reassign];
    }

    /// <summary>Stable codes of why an action does not apply to an instance (the page disables the action and names the reason).</summary>
    public static class Reasons
    {
        public const string NotRunning = "not-running";
        public const string NoIncidents = "no-incidents";
        public const string NoOpenTasks = "no-open-tasks";
        public const string NotFound = "not-found";
        public const string UnknownUser = "unknown-user";
        public const string Refused = "refused";
    }

    public sealed record Request(string Action, IReadOnlyList<Guid> InstanceIds, string? Reason, string? Assignee);

    /// <summary>What happened to one instance: <c>done</c> (with a count of incidents retried or tasks reassigned) or
    /// <c>refused</c> with a reason code and a sentence.</summary>
    public sealed record ItemResult(Guid InstanceId, string Outcome, string? Reason, string? Message, int Affected)
    {
        public bool Done => Outcome == "done";
    }

    /// <summary>Why <paramref name="action"/> cannot apply to an instance in this state (null: it can, as far as the list shows).</summary>
    public static string? WhyNot(string action, InstanceStatus status, int openIncidents) => action switch
    {
        Actions.Cancel or Actions.Reassign when status != InstanceStatus.Running => Reasons.NotRunning,
        Actions.Retry when openIncidents == 0 => Reasons.NoIncidents,
        _ => null,
    };

    /// <summary>Checks the request's fields; an empty dictionary means it may run.</summary>
    public static Dictionary<string, string[]> Check(string? action, IReadOnlyCollection<Guid>? ids, string? reason, string? assignee)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(action) || !Actions.All.Contains(action))
            errors["action"] = [$"action must be one of: {string.Join(", ", Actions.All)}."];
        if (ids is null || ids.Count == 0) errors["instanceIds"] = ["Select at least one instance."];
        else if (ids.Count > MaxItems) errors["instanceIds"] = [$"At most {MaxItems} instances at once."];
        if (action == Actions.Cancel)
        {
            if (string.IsNullOrWhiteSpace(reason)) errors["reason"] = ["A reason is required to cancel instances."];
            else if (reason.Length > 2000) errors["reason"] = ["The reason has at most 2000 characters."];
        }
        if (action == Actions.Reassign)
        {
            if (string.IsNullOrWhiteSpace(assignee)) errors["assignee"] = ["Name the user the open tasks go to."];
            else if (assignee.Length > 200) errors["assignee"] = ["A user id has at most 200 characters."];
        }
        return errors;
    }

    /// <summary>Runs the action on each instance in turn (the assignee of a reassignment is a user id or an email); one refusal does not stop the others. The request must have passed <see cref="Check"/>.</summary>
    public async Task<IReadOnlyList<ItemResult>> RunAsync(Request request, Actor actor, CancellationToken ct)
    {
        string? assignee = null;
        if (request.Action == Actions.Reassign)
        {
            var named = request.Assignee!.Trim();
            var user = await accounts.GetAsync(named, ct)
                       ?? (await accounts.ListAsync(named, 0, 5, ct)).FirstOrDefault(u => string.Equals(u.Email, named, StringComparison.OrdinalIgnoreCase));
            if (user is null)
                return request.InstanceIds.Distinct()
                    .Select(id => Refused(id, Reasons.UnknownUser, $"There is no user '{request.Assignee}'.")).ToList();
            assignee = user.Id;
        }
        var results = new List<ItemResult>();
        foreach (var id in request.InstanceIds.Distinct())
            results.Add(await RunOneAsync(request.Action, id, request.Reason?.Trim(), assignee, actor, ct));
        return results;
    }

    private async Task<ItemResult> RunOneAsync(string action, Guid id, string? reason, string? assignee, Actor actor, CancellationToken ct)
    {
        var instance = await queries.GetInstanceAsync(id, ct);
        if (instance is null) return Refused(id, Reasons.NotFound, $"Instance {id} was not found.");
        if (WhyNot(action, instance.Status, instance.OpenIncidents) is { } why)
            return Refused(id, why, why == Reasons.NotRunning ? $"The instance is {instance.Status.ToString().ToLowerInvariant()}, not running." : "The instance has no open incidents.");
        try
        {
            switch (action)
            {
                case Actions.Cancel:
                    await runtime.CancelInstanceAsync(id, actor, reason, ct);
                    return new ItemResult(id, "done", null, null, 1);
                case Actions.Retry:
                {
                    var retried = 0;
                    foreach (var incident in await queries.GetOpenIncidentsAsync(id, ct))
                    {
                        await runtime.RetryIncidentAsync(incident.Id, actor, ct);
                        retried++;
                    }
                    return retried == 0 ? Refused(id, Reasons.NoIncidents, "The instance has no open incidents.") : new ItemResult(id, "done", null, null, retried);
                }
                default:
                {
                    var tasks = await queries.GetOpenTasksOfInstanceAsync(id, ct);
                    if (tasks.Count == 0) return Refused(id, Reasons.NoOpenTasks, "The instance has no open tasks.");
                    // Each task on its own: a personal one (a member's vote) stays with its assignee and is reported, the others move.
                    var kept = new List<string>();
                    foreach (var task in tasks)
                    {
                        try
                        {
                            await runtime.ReassignTaskAsync(task.Id, actor, assignee, ct);
                        }
                        catch (ForbiddenException e)
                        {
                            kept.Add(e.Message);
                        }
                    }
                    var moved = tasks.Count - kept.Count;
                    if (moved == 0) return Refused(id, Reasons.Refused, string.Join(" ", kept));
                    return new ItemResult(id, "done", null, kept.Count == 0 ? null : $"{kept.Count} of {tasks.Count} tasks stay: {string.Join(" ", kept)}", moved);
                }
            }
        }
        catch (WorkflowException e)
        {
            return Refused(id, e.Code is "not-found" ? Reasons.NotFound : Reasons.Refused, e.Message);
        }
    }

    private static ItemResult Refused(Guid id, string reason, string message) => new(id, "refused", reason, message, 0);
}
