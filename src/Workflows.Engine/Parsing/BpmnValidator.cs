using Workflows.Engine.Model;

namespace Workflows.Engine.Parsing;

/// <summary>
/// The rules a process must meet to run: one way in, a way out of every node, nothing unreachable, gateways
/// that always find a path, boundary and event-gateway wiring, and names that publishing can resolve.
/// </summary>
internal sealed class BpmnValidator(List<BpmnDiagnostic> diagnostics, BpmnParseOptions options)
{
    public void Validate(BpmnModel model)
    {
        foreach (var process in model.Processes)
        {
            ValidateScope(process, process.Nodes, $"process '{process.Id}'", isProcess: true, process.Location);
            foreach (var node in process.NodesById.Values) ValidateNode(node);
        }
    }

    private void ValidateScope(ProcessDefinition process, List<FlowNode> nodes, string scopeName, bool isProcess, SourceLocation location)
    {
        var starts = nodes.OfType<StartEvent>().ToList();
        var noneStarts = starts.Where(s => s.Definition is null).ToList();
        if (isProcess)
        {
            if (starts.Count == 0)
                Error(DiagnosticCodes.StartEventCount, $"{scopeName} has no start event.", null, location);
            else if (noneStarts.Count > 1)
                Error(DiagnosticCodes.StartEventCount, $"{scopeName} has {noneStarts.Count} plain start events; it may have one.", noneStarts[1].Id, noneStarts[1].Location);
        }
        else
        {
            if (starts.Count != 1 || noneStarts.Count != 1)
                Error(DiagnosticCodes.StartEventCount, $"{scopeName} needs exactly one plain start event (it has {starts.Count} start events).", null, location);
        }

        // Reachable from the start events, through flows, boundary events, and into sub-processes.
        var reached = new HashSet<FlowNode>();
        var stack = new Stack<FlowNode>(starts);
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

        foreach (var sub in nodes.OfType<SubProcess>())
            ValidateScope(process, sub.Nodes, $"subProcess '{sub.Id}'", isProcess: false, sub.Location);
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
        if (node is not EndEvent && node.Outgoing.Count == 0)
            Error(DiagnosticCodes.NoOutgoingFlow, $"{node} has no outgoing flow; end the path with an end event.", node.Id, node.Location);

        if (node.DefaultFlowId is { } defaultId)
        {
            var flow = node.Outgoing.FirstOrDefault(f => f.Id == defaultId);
            if (flow is null)
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
                    Error(DiagnosticCodes.InvalidEventGateway, $"{node} needs at least two outgoing flows, each to a timer or message catch event.", node.Id, node.Location);
                foreach (var flow in node.Outgoing)
                {
                    if (flow.Target is not IntermediateCatchEvent)
                        Error(DiagnosticCodes.InvalidEventGateway, $"{node} leads to {flow.Target}; an event-based gateway must lead to intermediate timer or message catch events.", flow.Id, flow.Location);
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
