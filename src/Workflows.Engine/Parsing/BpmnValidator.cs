using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// The rules a process must meet to run: one way in, a way out of every node, nothing unreachable, gateways
/// that always find a path, boundary and event-gateway wiring, and names that publishing can resolve.
/// </summary>
/// <remarks>Nodes in <paramref name="suspect"/> lost a flow through an error reported already; the graph checks skip them
/// (and treat them as reached), so one mistake gives one diagnostic. Every check is linear in the size of the model.</remarks>
internal sealed class BpmnValidator(List<BpmnDiagnostic> diagnostics, BpmnParseOptions options, IReadOnlySet<FlowNode> suspect,
    IReadOnlySet<string> scopesWithRefusedStart)
{
    public void Validate(BpmnModel model)
    {
        foreach (var process in model.Processes)
        {
            // Sub-processes are visited with an explicit stack: their nesting is bounded anyway, but no model shape can recurse here.
            var scopes = new Stack<(List<FlowNode> Nodes, SubProcess? Sub)>();
            scopes.Push((process.Nodes, null));
            while (scopes.Count > 0)
            {
                var (nodes, sub) = scopes.Pop();
                if (sub is null) ValidateScope(process.Nodes, $"process '{process.Id}'", process.Id, null, process.Location);
                else ValidateScope(sub.Nodes, $"subProcess '{sub.Id}'", sub.Id, sub, sub.Location);
                foreach (var inner in nodes.OfType<SubProcess>()) scopes.Push((inner.Nodes, inner));
            }
            foreach (var node in process.NodesById.Values) ValidateNode(node);
            ValidateEventStarts(process);
        }
    }

    /// <summary>Camunda refuses two start events of one process waiting for the same message, or for the same signal: which would start?</summary>
    private void ValidateEventStarts(ProcessDefinition process)
    {
        var seen = new Dictionary<(string Kind, string Name), StartEvent>();
        foreach (var start in process.StartEvents)
        {
            (string Kind, string Name, string Code)? awaited = start.Definition switch
            {
                MessageEventDefinition message => ("message", message.MessageName, DiagnosticCodes.InvalidMessage),
                SignalEventDefinition signal => ("signal", signal.SignalName, DiagnosticCodes.InvalidSignal),
                _ => null,
            };
            if (awaited is not { } wait) continue;
            var (kind, name, code) = wait;
            if (!seen.TryAdd((kind, name), start))
                Error(code,
                    $"{start} waits for the {kind} '{ModelReader.Shorten(name)}', as {seen[(kind, name)]} does; each {kind} may start a process in one way only.",
                    start.Id, start.Location);
        }
    }

    private void ValidateScope(List<FlowNode> nodes, string scopeName, string scopeId, SubProcess? sub, SourceLocation location)
    {
        var starts = nodes.OfType<StartEvent>().ToList();
        var noneStarts = starts.Where(s => s.Definition is null).ToList();
        IEnumerable<FlowNode> entries = starts;
        if (scopesWithRefusedStart.Contains(scopeId))
        {
            // its start event was refused already; the count would only repeat that
        }
        else if (sub is null)
        {
            if (starts.Count == 0)
                Error(DiagnosticCodes.StartEventCount, $"{scopeName} has no start event.", null, location);
            else if (noneStarts.Count > 1)
                Error(DiagnosticCodes.StartEventCount, $"{scopeName} has {noneStarts.Count} plain start events; it may have one.", noneStarts[1].Id, noneStarts[1].Location);
        }
        else if (starts.Count == 0)
        {
            // BPMN 2.0 (13.3.4): without a start event, every node without an incoming flow starts the sub-process.
            entries = sub.InitialNodes.ToList();
            if (!entries.Any())
                Error(DiagnosticCodes.StartEventCount, $"{scopeName} has no start event and no element without an incoming flow to begin with.", sub.Id, location);
        }
        else if (starts.Count != 1 || noneStarts.Count != 1)
            Error(DiagnosticCodes.StartEventCount, $"{scopeName} needs exactly one plain start event (it has {starts.Count} start events).", sub.Id, location);

        // Reachable from the entries, through flows and boundary events; nodes that lost a flow to an earlier error count as reached.
        var reached = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>(entries);
        foreach (var node in nodes)
            if (suspect.Contains(node)) stack.Push(node);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!reached.Add(node)) continue;
            foreach (var flow in node.Outgoing) stack.Push(flow.Target);
            if (node is Activity activity)
                foreach (var boundary in activity.BoundaryEvents) stack.Push(boundary);
        }
        foreach (var node in nodes.Where(n => !reached.Contains(n)))
            Error(DiagnosticCodes.Unreachable, $"{node} cannot be reached from a start event.", node.Id, node.Location);
    }

    private void ValidateNode(FlowNode node)
    {
        switch (node)
        {
            case StartEvent when node.Incoming.Count > 0:
                Error(DiagnosticCodes.WrongFlowDirection, $"{node} has an incoming flow; a start event can only start.", node.Id, node.Location);
                break;
            case StartEvent { Definition: not null } start when start.Parent is not null:
                Error(DiagnosticCodes.UnsupportedEventDefinition, $"{node} in a sub-process must be a plain start event.", node.Id, node.Location);
                break;
            case EndEvent when node.Outgoing.Count > 0:
                Error(DiagnosticCodes.WrongFlowDirection, $"{node} has an outgoing flow; an end event can only end.", node.Id, node.Location);
                break;
            case BoundaryEvent when node.Incoming.Count > 0:
                Error(DiagnosticCodes.WrongFlowDirection, $"{node} has an incoming flow; a boundary event is triggered by its activity.", node.Id, node.Location);
                break;
        }
        if (node is not EndEvent && node.Outgoing.Count == 0 && !suspect.Contains(node))
        {
            if (node is ExclusiveGateway or InclusiveGateway)
                Error(DiagnosticCodes.NoOutgoingFlow, $"{node} has no outgoing flow; a gateway needs a way out.", node.Id, node.Location);
            else if (node is not EventBasedGateway) // its own rule below says what it needs
                // BPMN allows it and Camunda runs it: the path ends there (an implicit end).
                Warn(DiagnosticCodes.NoOutgoingFlow, $"{node} has no outgoing flow: its path ends there; an end event says so explicitly.", node.Id, node.Location);
        }

        if (node.DefaultFlowId is { } defaultId)
        {
            var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (flow is null && suspect.Contains(node)) { }
            else if (flow is null)
                Error(DiagnosticCodes.InvalidDefaultFlow, $"{node} names '{defaultId}' as its default flow, but that is not one of its outgoing flows.", node.Id, node.Location);
            else if (flow.ConditionText is not null)
                Error(DiagnosticCodes.InvalidDefaultFlow, $"The default flow '{defaultId}' of {node} has a condition; a default flow is taken when no condition holds.", flow.Id, flow.Location);
        }

        switch (node)
        {
            case ExclusiveGateway or InclusiveGateway when node.Outgoing.Count > 1 && node.DefaultFlowId is null:
                if (node.Outgoing.All(f => f.ConditionText is not null) && !GatewayConditions.AlwaysOneHolds(node.Outgoing))
                    Error(DiagnosticCodes.GatewayMayChooseNoPath,
                        $"{node} can choose no path: all {node.Outgoing.Count} outgoing flows have conditions and there is no default flow.", node.Id, node.Location);
                break;
            case ParallelGateway:
                foreach (var flow in node.Outgoing.Where(f => f.ConditionText is not null))
                    Error(DiagnosticCodes.ConditionOnParallelGateway, $"sequenceFlow '{flow.Id}' leaves {node} with a condition; a parallel gateway takes every flow.", flow.Id, flow.Location);
                break;
            case EventBasedGateway:
                if (node.Outgoing.Count < 2)
                    Error(DiagnosticCodes.InvalidEventGateway, $"{node} needs at least two outgoing flows, each to a timer, message or signal catch event.", node.Id, node.Location);
                foreach (var flow in node.Outgoing)
                {
                    if (flow.Target is not IntermediateCatchEvent)
                        Error(DiagnosticCodes.InvalidEventGateway, $"{node} leads to {flow.Target}; an event-based gateway must lead to intermediate timer, message or signal catch events.", flow.Id, flow.Location);
                    else if (flow.Target.Incoming.Count > 1)
                        Error(DiagnosticCodes.InvalidEventGateway, $"{flow.Target} after {node} may have only that one incoming flow.", flow.Target.Id, flow.Target.Location);
                    if (flow.ConditionText is not null)
                        Error(DiagnosticCodes.InvalidEventGateway, $"sequenceFlow '{flow.Id}' after {node} cannot have a condition.", flow.Id, flow.Location);
                }
                break;
            case ServiceTask service when options.KnownHandlers is { } handlers && !handlers.Contains(service.HandlerName):
                Error(DiagnosticCodes.UnknownHandler,
                    $"{node} uses the handler '{service.HandlerName}', which is not registered{(handlers.Count > 0 ? $" (known: {string.Join(", ", handlers.Order())})" : "")}.",
                    node.Id, node.Location);
                break;
            case SendTask send when options.KnownTemplates is { } templates && !templates.Contains(send.Template):
                Error(DiagnosticCodes.UnknownTemplate, $"{node} uses the email template '{send.Template}', which does not exist.", node.Id, node.Location);
                break;
            case UserTask user when user.Assignee is null && user.CandidateUsers is null && user.CandidateGroups is null &&
                                    (user.MultiInstance is null):
                Warn(DiagnosticCodes.NoAssignment, $"{node} has no assignee and no candidates: only administrators will be able to act on it.", node.Id, node.Location);
                break;
        }
    }

    private void Error(string code, string message, string? id, SourceLocation at) => diagnostics.Add(new BpmnDiagnostic(code, message, id, at));
    private void Warn(string code, string message, string? id, SourceLocation at) => diagnostics.Add(new BpmnDiagnostic(code, message, id, at, DiagnosticSeverity.Warning));
}
