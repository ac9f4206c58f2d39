using System.Security.Claims;
using System.Text.Json.Nodes;
using TechTransfer.Handlers;
using TechTransfer.Processes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.State;
using WorkflowHost.Forms;
using WorkflowHost.Security;

namespace WorkflowHost.Application;

/// <summary>
/// Where a domain action is a step of the invention's process, the domain endpoints do it by completing that user task
/// through the runtime (its service task then calls the domain), so the process and the domain never disagree. A case's
/// tasks are found by its business key (the case number, passed to every called process). The caller must be the
/// task's assignee or a candidate; the data is checked against the task's form; <c>completedBy</c> is set here, on the
/// server, never taken from the client.
/// </summary>
public sealed class ProcessSteps(IWorkflowRuntime runtime, IWorkflowQueries queries, FormCatalog forms)
{
    public async Task<IReadOnlyList<UserTaskRecord>> OpenTasksAsync(string businessKey, CancellationToken ct) =>
        (await queries.QueryTasksAsync(new TaskQuery { BusinessKey = businessKey, Sort = TaskSort.Created, Take = 200 }, ct)).Items;

    /// <summary>The main process of a case, if it was started.</summary>
    public async Task<ProcessInstance?> MainInstanceAsync(string businessKey, CancellationToken ct) =>
        (await queries.QueryInstancesAsync(new InstanceQuery { ProcessId = ShippedProcesses.Transfer.Id, BusinessKey = businessKey, Take = 1 }, ct)).Items is [var first, ..] ? first : null;

    /// <summary>Starts the main process for a submitted disclosure (once per case).</summary>
    public async Task<ProcessInstance> StartMainAsync(string businessKey, Guid inventionId, string inventorId, string startedBy, CancellationToken ct)
    {
        if (await MainInstanceAsync(businessKey, ct) is { } running) return running;
        return await runtime.StartAsync(new StartRequest
        {
            ProcessId = ShippedProcesses.Transfer.Id, BusinessKey = businessKey, StartedBy = startedBy,
            Variables = new JsonObject { ["inventionId"] = inventionId.ToString(), ["inventorId"] = inventorId, ["caseNumber"] = businessKey },
        }, ct);
    }

    /// <summary>
    /// Starts the process that publishes and pays one reward of the case (<see cref="ShippedProcesses.RewardPayment"/>),
    /// once per reward: a second call finds the first.
    /// </summary>
    public async Task<ProcessInstance> StartRewardAsync(string businessKey, Guid inventionId, Guid rewardId, string startedBy, CancellationToken ct)
    {
        var running = (await queries.QueryInstancesAsync(new InstanceQuery { ProcessId = ShippedProcesses.RewardPayment.Id, BusinessKey = businessKey, Take = 500 }, ct))
            .Items.FirstOrDefault(i => HasVariable(i, RewardVariable, rewardId.ToString()));
        if (running is not null) return running;
        return await runtime.StartAsync(new StartRequest
        {
            ProcessId = ShippedProcesses.RewardPayment.Id, BusinessKey = businessKey, StartedBy = startedBy,
            Variables = new JsonObject { ["inventionId"] = inventionId.ToString(), [RewardVariable] = rewardId.ToString(), ["caseNumber"] = businessKey },
        }, ct);
    }

    /// <summary>The variable that tells one reward's process from another's of the same case.</summary>
    public const string RewardVariable = "rewardId";

    /// <summary>
    /// Completes the open task <paramref name="elementId"/> of the case that the user may act on (assigned to them, or
    /// offered to them and unclaimed). 409 when the case has no such open step (the process is elsewhere: a window still
    /// running, an objection open, the step done already), 403 when it exists but is not theirs, 400 naming the field
    /// when the data does not fit the form. <paramref name="serverVariables"/> are set by the endpoint itself (not on the form).
    /// </summary>
    public async Task<UserTaskRecord> CompleteAsync(ClaimsPrincipal user, string businessKey, string elementId, JsonObject data, string what,
        CancellationToken ct, JsonObject? serverVariables = null, (string Name, string Value)? instanceVariable = null)
    {
        var actor = user.ToActor().AsParticipant();
        var open = (await OpenTasksAsync(businessKey, ct)).Where(t => t.ElementId == elementId).ToList();
        // Several instances of one process may run for a case (one per reward): keep the one the caller means.
        if (instanceVariable is { } wanted)
        {
            var mine = new List<UserTaskRecord>();
            foreach (var t in open)
                if (await queries.GetInstanceAsync(t.InstanceId, ct) is { } instance && HasVariable(instance, wanted.Name, wanted.Value)) mine.Add(t);
            open = mine;
        }
        if (open.Count == 0)
        {
            var waiting = (await OpenTasksAsync(businessKey, ct)).Select(t => t.Name ?? t.ElementId).Distinct().ToList();
            throw Refusal.Conflict("no-open-step",
                $"Case {businessKey} has no open step to {what} now" +
                (waiting.Count > 0 ? $"; it waits for: {string.Join(", ", waiting)}." : "; the process is not at that step (a window may still be running)."));
        }
        var task = open.FirstOrDefault(t => t.Assignee == actor.UserId)
                   ?? open.FirstOrDefault(t => t.Assignee is null && IsCandidate(t, actor))
                   ?? throw Refusal.Forbidden($"The step to {what} of case {businessKey} is not yours.");

        var form = await forms.FindAsync(task.FormKey, ct);
        if (form is not null)
        {
            var errors = FormDataValidator.Validate(form, data, requireAll: true);
            if (errors.Count > 0)
                throw Refusal.Invalid($"The data does not fit the form '{task.FormKey}': {string.Join(", ", errors.Keys)}.", errors);
        }
        // Rules beyond the form's fields (StepDataRules), named like the form's own errors.
        if (StepDataRules.Check(task.FormKey, data) is { Count: > 0 } broken)
            throw Refusal.Invalid($"The data breaks a rule of this step: {string.Join(", ", broken.Keys)}.",
                broken.ToDictionary(e => "variables." + e.Key, e => e.Value));
        var variables = (JsonObject)data.DeepClone();
        foreach (var (key, value) in serverVariables ?? []) variables[key] = value?.DeepClone();
        variables[DomainHandler.CompletedBy] = actor.UserId;
        await runtime.CompleteTaskAsync(task.Id, actor, variables, ct);
        return task;
    }

    /// <summary>
    /// Form data from typed values, as parsed JSON (the form validator reads numbers as JSON numbers, which values
    /// wrapped from CLR decimals are not). Property names are taken as written: pass the form's keys.
    /// </summary>
    public static JsonObject Data(object values) => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(values))!.AsObject();

    /// <summary>Delivers a message to the case's processes waiting for it (an objection to a running notice).</summary>
    public Task<int> CorrelateAsync(string messageName, string businessKey, JsonObject variables, CancellationToken ct) =>
        runtime.CorrelateMessageAsync(messageName, businessKey, variables, ct);

    private static bool HasVariable(ProcessInstance instance, string name, string value) =>
        instance.State.Variables[name] is JsonValue v && v.ToString() == value;

    private static bool IsCandidate(UserTaskRecord task, Actor actor) =>
        task.CandidateUsers.Contains(actor.UserId, StringComparer.Ordinal) || task.CandidateGroups.Any(actor.InGroup);
}
