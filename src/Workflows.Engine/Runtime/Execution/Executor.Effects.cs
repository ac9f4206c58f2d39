using System.Text.Json.Nodes;
using Workflows.Engine.Contracts;
using Workflows.Engine.Model;
using Workflows.Engine.Runtime.State;

namespace Workflows.Engine.Runtime.Execution;

/// <summary>What a step records besides moving tokens: instances it starts, notifications in the outbox, incidents.</summary>
internal sealed partial class Executor
{
    /// <summary>Creates an instance in the step with a token on its none start event, or on the given start event
    /// (the caller runs it).</summary>
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
            ElementNames = node.LocalizedNames.ByCulture.Count == 0 ? null : node.LocalizedNames.ByCulture,
            ProcessName = ic.Process.Name,
            ProcessNames = ic.Process.LocalizedNames.ByCulture.Count == 0 ? null : ic.Process.LocalizedNames.ByCulture,
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

    /// <summary>The token stops at the execution's node with an open incident, and administrators are told. A coded failure's
    /// code and arguments go into the history entry, for the host to say what went wrong in the reader's language.</summary>
    internal void RaiseIncident(NodeExecution x, string message, string? details, ServiceTaskFailedException? coded = null)
    {
        var (ctx, ic, token, node) = x;
        var incident = new Incident
        {
            Id = Guid.NewGuid(), InstanceId = ic.Id, TokenId = token.Id, ElementId = node.Id,
            Message = message, Details = details, Attempts = token.Attempts, CreatedAt = ctx.Now,
        };
        ctx.Changes.InsertedIncidents.Add(incident);
        token.Status = TokenStatus.Waiting;
        token.IncidentId = incident.Id;
        ic.Instance.OpenIncidents++;
        x.History(HistoryEventType.IncidentRaised, Json(new { incidentId = incident.Id, message, code = coded?.Code, arguments = coded?.Arguments }));
        Notify(ctx, ic, NotificationKinds.IncidentRaised, node, null, Array.Empty<string>(), [Options.AdministratorsGroup],
            Array.Empty<string>(), variables: new JsonObject { ["incidentId"] = incident.Id.ToString(), ["message"] = message });
    }
}
