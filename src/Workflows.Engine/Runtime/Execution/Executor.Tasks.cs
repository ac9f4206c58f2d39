using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

internal sealed partial class Executor
{
    private void CreateUserTask(StepContext ctx, InstanceContext ic, Token token, UserTask node)
    {
        var locals = (JsonObject?)token.Locals?.DeepClone() ?? new JsonObject();
        var item = MultiInstanceItemScope(ic, token, node);
        if (item is not null)
            foreach (var (k, v) in item.Variables) locals[k] = v?.DeepClone();
        var view = View(ic, token, locals);

        var due = Date(node.DueDate, view, node, node.WorkingDays);
        var task = new UserTaskRecord
        {
            Id = Guid.NewGuid(),
            InstanceId = ic.Id,
            TokenId = token.Id,
            ElementId = node.Id,
            Name = node.NameExpression is { } nameExpression ? Text(nameExpression, view, node) : node.Name,
            ProcessId = ic.Instance.ProcessId,
            BusinessKey = ic.Instance.BusinessKey,
            Status = UserTaskStatus.Created,
            Assignee = Text(node.Assignee, view, node),
            CandidateUsers = Texts(node.CandidateUsers, view, node),
            CandidateGroups = Texts(node.CandidateGroups, view, node),
            CreatedAt = ctx.Now,
            DueAt = due,
            FollowUpAt = Date(node.FollowUpDate, view, node, node.WorkingDays),
            Priority = Number(node.Priority, view, node) ?? 50,
            FormKey = node.FormKeyExpression is { } formKey ? Text(formKey, view, node) : node.FormKey,
            LocalVariables = locals.Count > 0 ? locals : null,
        };
        if (task.Assignee is not null) task.Status = UserTaskStatus.Claimed;
        ctx.AddTask(task);
        token.Status = TokenStatus.Waiting;
        token.TaskId = task.Id;
        ctx.History(ic, HistoryEventType.TaskCreated, node.Id, node.ElementType, token.Id,
            HistoryData.Start().Add("taskId", task.Id).Add("assignee", task.Assignee).Add("candidateUsers", task.CandidateUsers)
                .Add("candidateGroups", task.CandidateGroups).Add("dueAt", task.DueAt).ToJson());

        Notify(ctx, ic, NotificationKinds.TaskAssigned, node, task,
            task.Assignee is { } a ? [a] : task.CandidateUsers,
            task.Assignee is null ? task.CandidateGroups : Array.Empty<string>(), Array.Empty<string>(), due: task.DueAt);

        if (due is { } dueAt)
            foreach (var offset in node.ReminderOffsets)
            {
                var at = node.WorkingDays ? SubtractWorking(dueAt, offset) : dueAt - offset;
                if (at <= ctx.Now) continue;
                var reminder = new Bookmark
                {
                    Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
                    Kind = BookmarkKind.Reminder, DueAt = at, CreatedAt = ctx.Now,
                    Data = Json(new ReminderData(task.Id, offset)),
                };
                ctx.AddBookmark(reminder);
                Own(token, reminder);
            }

        if (item is null) OpenBoundaryTimers(ctx, ic, token, node, due);
    }

    private DateTimeOffset SubtractWorking(DateTimeOffset due, TimeSpan offset) =>
        calendar.AddWorkingDays(due, -offset.Days) - (offset - TimeSpan.FromDays(offset.Days));

    private async Task RunServiceTaskAsync(StepContext ctx, InstanceContext ic, Token token, ServiceTask node, CancellationToken ct)
    {
        if (!handlers.TryGetValue(node.HandlerName, out var handler))
        {
            RaiseIncident(ctx, ic, token, node, $"No service-task handler named '{node.HandlerName}' is registered.", null);
            return;
        }
        if (token.Attempts == 0) OpenBoundaryTimers(ctx, ic, token, node, null);

        var context = new ServiceTaskContext(ic.Id, ic.Instance.ProcessId, ic.Instance.BusinessKey, node.Id,
            View(ic, token).Snapshot(), node.Parameters, token.Attempts + 1);
        JsonObject? result;
        try
        {
            result = await handler.ExecuteAsync(context, ct);
        }
        catch (BpmnErrorException error)
        {
            token.Attempts = 0;
            ctx.History(ic, HistoryEventType.ErrorThrown, node.Id, node.ElementType, token.Id,
                Json(new { error.ErrorCode, error.Message }));
            if (ThrowError(ctx, ic, token, node, error.ErrorCode)) return;
            var uncaught = $"Business error '{error.ErrorCode}' from '{node.HandlerName}' was not caught by any boundary error event: {error.Message}";
            if (ic.Instance.ParentInstanceId is not null)
            {
                // Not caught in this process: the caller's call activity (and its callers) may catch it.
                token.Status = TokenStatus.Waiting;
                ctx.Deferred.UncaughtErrors.Add(new UncaughtError(ic, token, node, error.ErrorCode, uncaught));
            }
            else RaiseIncident(ctx, ic, token, node, uncaught, null);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            token.Attempts++;
            ctx.History(ic, HistoryEventType.ServiceTaskFailed, node.Id, node.ElementType, token.Id,
                Json(new { attempt = token.Attempts, error = e.Message }));
            if (token.Attempts >= Math.Max(1, node.Retries))
            {
                RaiseIncident(ctx, ic, token, node, $"'{node.HandlerName}' failed {token.Attempts} time(s): {e.Message}", e.ToString());
                return;
            }
            var backoff = options.ServiceRetryBackoff;
            var wait = backoff.Length == 0 ? TimeSpan.Zero : backoff[Math.Min(token.Attempts - 1, backoff.Length - 1)];
            var retry = new Bookmark
            {
                Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
                Kind = BookmarkKind.Retry, DueAt = ctx.Now + wait, CreatedAt = ctx.Now,
            };
            ctx.AddBookmark(retry);
            Own(token, retry);
            token.Status = TokenStatus.Waiting;
            return;
        }

        token.Attempts = 0;
        if (result is not null)
            foreach (var (name, value) in result) SetVariable(ic, token, name, value?.DeepClone(), node);
        Leave(ctx, ic, token, node);
    }

    private void Send(StepContext ctx, InstanceContext ic, Token token, SendTask node)
    {
        var view = View(ic, token);
        var users = new List<string>();
        var groups = new List<string>();
        var addresses = new List<string>();
        foreach (var to in Texts(node.To, view, node))
        {
            if (to.StartsWith("role:", StringComparison.OrdinalIgnoreCase) || to.StartsWith("group:", StringComparison.OrdinalIgnoreCase))
                groups.Add(to[(to.IndexOf(':') + 1)..]);
            else if (to.Contains('@')) addresses.Add(to);
            else users.Add(to);
        }
        Notify(ctx, ic, NotificationKinds.SendTask, node, null, users, groups, addresses, template: node.Template, variables: view.Snapshot());
    }

    private async Task CallAsync(StepContext ctx, InstanceContext ic, Token token, CallActivity node, CancellationToken ct)
    {
        var definition = node.CalledVersion is { } v
            ? await ctx.Store.GetDefinitionAsync(WorkflowDefinitionRecord.MakeId(node.CalledElement, v), ct)
            : await ctx.Store.GetLatestPublishedAsync(node.CalledElement, ct);
        if (definition is null || definition.Status != DefinitionStatus.Published)
        {
            RaiseIncident(ctx, ic, token, node,
                $"{node} calls process '{node.CalledElement}'{(node.CalledVersion is { } cv ? $" version {cv}" : "")}, which is not published.", null);
            return;
        }
        if (ic.State.CallDepth + 1 > options.MaxCallDepth)
        {
            // A process that calls itself (or A -> B -> A) would nest instances without end: stop with an incident.
            RaiseIncident(ctx, ic, token, node,
                $"{node} would start a called instance {ic.State.CallDepth + 1} calls deep, over the limit of {options.MaxCallDepth} (MaxCallDepth): does the process call itself?", null);
            return;
        }
        var process = ctx.Definitions.Add(definition);
        var view = View(ic, token);
        var variables = node.InAll ? view.Snapshot() : new JsonObject();
        foreach (var mapping in node.InMappings)
            variables[mapping.Target] = MappedValue(mapping, view, node);

        OpenBoundaryTimers(ctx, ic, token, node, null);
        var child = StartInstance(ctx, definition, process, variables, node.PassBusinessKey ? ic.Instance.BusinessKey : null,
            ctx.Actor, parent: (ic, token));
        child.State.CallDepth = ic.State.CallDepth + 1;
        token.Status = TokenStatus.Waiting;
        token.ChildInstanceId = child.Id;
    }

    /// <summary>Creates an instance in the step with a token on its none start event (the caller runs it).</summary>
    internal InstanceContext StartInstance(StepContext ctx, WorkflowDefinitionRecord definition, ProcessDefinition process,
        JsonObject? variables, string? businessKey, string? startedBy, (InstanceContext Ic, Token Token)? parent = null,
        StartEvent? start = null)
    {
        start ??= process.NoneStartEvent
                  ?? throw new InvalidOperationWorkflowException($"Process '{process.Id}' has no none start event to start it by.");
        if (parent is null && variables is not null)
            foreach (var (name, value) in variables) CheckSize(name, value, null);
        var instance = new ProcessInstance
        {
            Id = Guid.NewGuid(),
            DefinitionId = definition.Id,
            ProcessId = definition.ProcessId,
            DefinitionVersion = definition.Version,
            BusinessKey = businessKey,
            Status = InstanceStatus.Running,
            State = new InstanceState { Variables = variables ?? new JsonObject() },
            ParentInstanceId = parent?.Ic.Id,
            ParentTokenId = parent?.Token.Id,
            RootInstanceId = parent is { } p ? p.Ic.Instance.RootInstanceId ?? p.Ic.Id : null,
            StartedAt = ctx.Now,
            StartedBy = startedBy,
        };
        var ic = ctx.AddNewInstance(instance, process);
        ctx.History(ic, HistoryEventType.InstanceStarted, process.Id, "process", data: HistoryData.Start()
            .Add("definition", definition.Id).Add("businessKey", businessKey).Add("parentInstanceId", parent?.Ic.Id).ToJson(), actor: startedBy);
        ic.NewToken(start.Id, null);
        return ic;
    }

    internal void Notify(StepContext ctx, InstanceContext ic, string kind, FlowNode node, UserTaskRecord? task,
        IReadOnlyList<string> users, IReadOnlyList<string> groups, IReadOnlyList<string> addresses,
        string? template = null, DateTimeOffset? due = null, TimeSpan? offset = null, JsonObject? variables = null)
    {
        if (users.Count == 0 && groups.Count == 0 && addresses.Count == 0) return;
        var id = Guid.NewGuid();
        var notification = new Notification
        {
            Kind = kind,
            InstanceId = ic.Id,
            ProcessId = ic.Instance.ProcessId,
            BusinessKey = ic.Instance.BusinessKey,
            ElementId = node.Id,
            ElementName = node.Name,
            TaskId = task?.Id,
            Users = users.Distinct(StringComparer.Ordinal).ToArray(),
            Groups = groups.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Addresses = addresses.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            Template = template ?? kind,
            DueAt = due,
            Offset = offset,
            Variables = variables ?? (JsonObject)ic.State.Variables.DeepClone(),
            At = ctx.Now,
            EventId = id,
        };
        ctx.Changes.Outbox.Add(new OutboxMessage
        {
            Id = id, Kind = OutboxKinds.Notification, Payload = Json(notification), CreatedAt = ctx.Now,
        });
    }

    internal void RaiseIncident(StepContext ctx, InstanceContext ic, Token token, FlowNode node, string message, string? details)
    {
        var incident = new Incident
        {
            Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
            Message = message, Details = details, Attempts = token.Attempts, CreatedAt = ctx.Now,
        };
        ctx.Changes.InsertedIncidents.Add(incident);
        token.Status = TokenStatus.Waiting;
        token.IncidentId = incident.Id;
        ic.Instance.OpenIncidents++;
        ctx.History(ic, HistoryEventType.IncidentRaised, node.Id, node.ElementType, token.Id,
            Json(new { incidentId = incident.Id, message }));
        Notify(ctx, ic, NotificationKinds.IncidentRaised, node, null, Array.Empty<string>(), [options.AdministratorsGroup],
            Array.Empty<string>(), variables: new JsonObject { ["incidentId"] = incident.Id.ToString(), ["message"] = message });
    }
}

/// <summary>What a reminder bookmark remembers.</summary>
internal sealed record ReminderData(Guid TaskId, TimeSpan Offset);
